"""Run cleanup or alerting once a function has failed for good; bound run time."""

# --8<-- [start:on-failure]
import datetime

import inngest
import pydantic

from .client import client


async def alert_team(text: str) -> str:
    return f"paged on-call: {text}"


class RunError(pydantic.BaseModel):
    name: str = "Error"
    message: str = ""


class FunctionFailed(pydantic.BaseModel):
    """`data` of the `inngest/function.failed` event a failure handler runs on."""

    function_id: str  # the failed function, "<app_id>-<fn_id>"
    run_id: str  # the failed run; ctx.run_id is the handler's own run
    error: RunError = pydantic.Field(default_factory=RunError)
    event: inngest.Event  # the event that started the failed run


async def alert_on_failure(ctx: inngest.Context) -> str:  # (1)!
    failed = FunctionFailed.model_validate(ctx.event.data)
    source = failed.event.data["source"]
    text = f"import of {source} failed (run {failed.run_id}): {failed.error.message}"
    return await ctx.step.run("alert-team", alert_team, text)


async def import_rows(source: str) -> int:
    return 1000


@client.create_function(
    fn_id="import-catalog",
    trigger=inngest.TriggerEvent(event="catalog/import.requested"),
    retries=2,
    on_failure=alert_on_failure,  # (2)!
    timeouts=inngest.Timeouts(  # (3)!
        start=datetime.timedelta(minutes=10),
        finish=datetime.timedelta(hours=1),
    ),
)
async def import_catalog(ctx: inngest.Context) -> int:
    source = str(ctx.event.data["source"])
    return await ctx.step.run("import-rows", import_rows, source)


# --8<-- [end:on-failure]
