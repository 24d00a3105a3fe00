"""Each step has its own retries; a finished step is never run again."""

# --8<-- [start:retries]
import inngest

from .client import client


async def reserve_stock(order_id: str) -> str:
    return f"reservation-{order_id}"


async def charge_card(order_id: str) -> str:
    raise ConnectionError("payment API timed out")  # (1)!


@client.create_function(
    fn_id="place-order",  # (2)!
    trigger=inngest.TriggerEvent(event="shop/order.placed"),
)
async def place_order(ctx: inngest.Context) -> list[str]:
    order_id = str(ctx.event.data["order_id"])
    reservation = await ctx.step.run("reserve-stock", reserve_stock, order_id)
    charge = await ctx.step.run("charge-card", charge_card, order_id)
    return [reservation, charge]


# --8<-- [end:retries]
