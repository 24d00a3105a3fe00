import inngest

from snippets.quick_reference.client import client


async def call_payment_provider(order_id: str) -> str:
    return f"charged {order_id}"


# --8<-- [start:retries]
@client.create_function(
    fn_id="charge-order",
    trigger=inngest.TriggerEvent(event="qr/order.placed"),
    retries=2,  # (1)!
)
async def charge_order(ctx: inngest.Context) -> str:
    order_id = str(ctx.event.data["order_id"])
    return await ctx.step.run("charge", call_payment_provider, order_id)  # (2)!


# --8<-- [end:retries]
