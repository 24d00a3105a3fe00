"""Run cleanup or alerting once a function has failed for good; bound run time."""

# --8<-- [start:on-failure]
import datetime

import inngest

from .client import client


async def alert_team(failed_run_id: str, message: str) -> str:
    return f"paged on-call: run {failed_run_id} failed: {message}"


# --8<-- [start:on-failure-functions]
async def alert_on_failure(ctx: inngest.Context) -> str:  # (1)!
    failure = ctx.event.data  # the inngest/function.failed event
    error = failure["error"]
    message = str(error.get("message")) if isinstance(error, dict) else "unknown"
    run_id = str(failure["run_id"])  # the FAILED run, not this one
    return await ctx.step.run("alert-team", alert_team, run_id, message)


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


# --8<-- [end:on-failure-functions]


# --8<-- [end:on-failure]
