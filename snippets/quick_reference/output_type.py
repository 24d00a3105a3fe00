import inngest
import pydantic


# --8<-- [start:output_type]
class Quote(pydantic.BaseModel):
    sku: str
    cents: int


typed_client = inngest.Inngest(
    app_id="quick-reference-typed",
    serializer=inngest.PydanticSerializer(),  # (1)!
)


async def price(sku: str) -> Quote:
    return Quote(sku=sku, cents=1999)


@typed_client.create_function(
    fn_id="quote",
    trigger=inngest.TriggerEvent(event="qr/quote.requested"),
    output_type=Quote,  # (2)!
)
async def quote(ctx: inngest.Context) -> Quote:
    result = await ctx.step.run("price", price, "sku-1", output_type=Quote)  # (3)!
    assert isinstance(result, Quote)
    return result


# --8<-- [end:output_type]
