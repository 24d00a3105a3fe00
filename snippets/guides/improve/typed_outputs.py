"""Typed step outputs with pydantic, and what a non-JSON step output does."""

# --8<-- [start:typed]
import datetime

import inngest
import pydantic

typed_client = inngest.Inngest(
    app_id="improve-guide-typed",
    serializer=inngest.PydanticSerializer(),  # (1)!
)


class Quote(pydantic.BaseModel):
    sku: str
    price_cents: int
    valid_until: datetime.datetime


async def fetch_quote(sku: str) -> Quote:
    valid_until = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    return Quote(sku=sku, price_cents=1299, valid_until=valid_until)


@typed_client.create_function(
    fn_id="quote-order",
    trigger=inngest.TriggerEvent(event="shop/quote.requested"),
    output_type=Quote,  # (2)!
)
async def quote_order(ctx: inngest.Context) -> Quote:
    sku = str(ctx.event.data["sku"])
    quote = await ctx.step.run(
        "fetch-quote",
        fetch_quote,
        sku,
        output_type=Quote,  # (3)!
    )
    return quote.model_copy(update={"price_cents": quote.price_cents - 100})  # (4)!


# --8<-- [end:typed]
