import inngest

from .client import client


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
