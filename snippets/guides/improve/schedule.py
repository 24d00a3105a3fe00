"""Scheduled functions: a cron trigger with its time zone."""

# --8<-- [start:cron]
import inngest

from .client import client


async def build_report() -> str:
    return "sales report sent"


@client.create_function(
    fn_id="weekday-report",
    trigger=inngest.TriggerCron(cron="TZ=Europe/Paris 0 9 * * 1-5"),  # (1)!
)
async def weekday_report(ctx: inngest.Context) -> str:
    return await ctx.step.run("build-report", build_report)  # (2)!


# --8<-- [end:cron]
