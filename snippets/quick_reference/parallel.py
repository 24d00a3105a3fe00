import inngest

from snippets.quick_reference.client import client


async def fetch_profile(user_id: str) -> dict[str, str]:
    return {"id": user_id, "name": "Ada"}


async def fetch_orders(user_id: str) -> list[int]:
    return [1, 2, 3]


# --8<-- [start:parallel]
@client.create_function(
    fn_id="build-dashboard",
    trigger=inngest.TriggerEvent(event="qr/dashboard.requested"),
)
async def build_dashboard(ctx: inngest.Context) -> dict[str, object]:
    user_id = str(ctx.event.data["user_id"])
    profile, orders = await ctx.group.parallel(  # (1)!
        (
            lambda: ctx.step.run("profile", fetch_profile, user_id),
            lambda: ctx.step.run("orders", fetch_orders, user_id),
        )
    )
    return {"profile": profile, "orders": orders}


# --8<-- [end:parallel]
