"""Stage 6: an endpoint validates the request and sends the event."""

import inngest

from .s01_app import app
from .s02_client import client
from .s04_event import UserSignedUp


# --8<-- [start:stage]
@app.post("/signups", status_code=202)
async def sign_up(user: UserSignedUp) -> dict[str, list[str]]:  # (1)!
    ids = await client.send(  # (2)!
        inngest.Event(name="app/user.signed-up", data=user.model_dump())
    )
    return {"event_ids": ids}


# --8<-- [end:stage]
