"""A run is a series of HTTP calls; memoized steps are not run again."""

# --8<-- [start:replay]
import inngest

from .client import client

calls: list[str] = []


async def fetch_price(sku: str) -> int:
    calls.append(f"fetch-price({sku})")
    return 1200


async def add_tax(cents: int) -> int:
    calls.append(f"add-tax({cents})")
    return cents * 120 // 100


@client.create_function(
    fn_id="quote-price",
    trigger=inngest.TriggerEvent(event="shop/quote.requested"),
)
async def quote_price(ctx: inngest.Context) -> int:
    calls.append("outside steps")  # (1)!
    price = await ctx.step.run("fetch-price", fetch_price, "sku-1")  # (2)!
    return await ctx.step.run("add-tax", add_tax, price)  # (3)!


# --8<-- [end:replay]
