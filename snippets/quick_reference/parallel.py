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


async def charge(order_id: str) -> str:
    return f"charged {order_id}"


async def send_receipt(charge_id: str) -> str:
    return f"receipt for {charge_id}"


async def reserve_stock(order_id: str) -> str:
    return f"reserved {order_id}"


# --8<-- [start:race]
@client.create_function(
    fn_id="fulfil-order",
    trigger=inngest.TriggerEvent(event="qr/order.paid"),
)
async def fulfil_order(ctx: inngest.Context) -> list[str]:
    order_id = str(ctx.event.data["order_id"])

    async def bill() -> str:  # (1)!
        charged = await ctx.step.run("charge", charge, order_id)
        return await ctx.step.run("send-receipt", send_receipt, charged)

    receipt, reserved = await ctx.group.parallel(
        (bill, lambda: ctx.step.run("reserve-stock", reserve_stock, order_id)),
        parallel_mode=inngest.ParallelMode.RACE,  # (2)!
    )
    return [receipt, reserved]  # (3)!


# --8<-- [end:race]
