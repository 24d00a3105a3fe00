"""Scheduled functions: a cron trigger with its time zone, and a function a
schedule or an event starts."""

# --8<-- [start:cron]
import inngest

client = inngest.Inngest(app_id="reports")


async def build_report() -> str:
    return "sales report sent"


@client.create_function(
    fn_id="weekday-report",
    trigger=inngest.TriggerCron(cron="TZ=Europe/Paris 0 9 * * 1-5"),  # (1)!
)
async def weekday_report(ctx: inngest.Context) -> str:
    return await ctx.step.run("build-report", build_report)  # (2)!


# --8<-- [end:cron]


# --8<-- [start:on-demand]
async def send_report(to: str) -> str:
    return f"report sent to {to}"


@client.create_function(
    fn_id="sales-report",
    trigger=[
        inngest.TriggerCron(cron="TZ=Europe/Paris 0 9 * * 1"),
        inngest.TriggerEvent(event="reports/report.requested"),  # (1)!
    ],
)
async def sales_report(ctx: inngest.Context) -> str:
    if ctx.event.name == "inngest/scheduled.timer":  # (2)!
        to = "sales-team@example.com"
    else:
        to = str(ctx.event.data["requested_by"])
    return await ctx.step.run("send-report", send_report, to)


# --8<-- [end:on-demand]
