import inngest

from snippets.quick_reference.client import client


async def notify_on_call(message: str) -> str:
    return f"paged: {message}"


# --8<-- [start:on_failure]
async def alert_on_call(ctx: inngest.Context) -> str:
    error = ctx.event.data["error"]  # (1)!
    assert isinstance(error, dict)
    return await ctx.step.run("page", notify_on_call, str(error["message"]))


@client.create_function(
    fn_id="import-invoices",
    trigger=inngest.TriggerEvent(event="qr/invoices.uploaded"),
    retries=1,
    on_failure=alert_on_call,  # (2)!
)
async def import_invoices(ctx: inngest.Context) -> None:
    raise inngest.NonRetriableError("invoice file is empty")


# --8<-- [end:on_failure]
