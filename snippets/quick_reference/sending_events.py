import inngest

from .client import client


# --8<-- [start:send_one]
async def signup_completed(user_id: str, email: str) -> list[str]:
    return await client.send(  # (1)!
        inngest.Event(
            name="qr/user.signed-up", data={"user_id": user_id, "email": email}
        )
    )


# --8<-- [end:send_one]


# --8<-- [start:send_many]
async def import_finished(user_ids: list[str]) -> list[str]:
    return await client.send(
        [inngest.Event(name="qr/user.imported", data={"user_id": u}) for u in user_ids]
    )


# --8<-- [end:send_many]


# --8<-- [start:send_sync]
def signup_completed_sync(user_id: str) -> list[str]:
    return client.send_sync(
        inngest.Event(name="qr/user.signed-up", data={"user_id": user_id})
    )


# --8<-- [end:send_sync]
