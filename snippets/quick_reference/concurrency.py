import inngest

from snippets.quick_reference.client import client


# --8<-- [start:concurrency]
@client.create_function(
    fn_id="generate-report",
    trigger=inngest.TriggerEvent(event="qr/report.requested"),
    concurrency=[  # (1)!
        inngest.Concurrency(limit=1, key="event.data.user_id"),  # (2)!
        inngest.Concurrency(limit=20, scope="env", key='"reports"'),  # (3)!
    ],
)
async def generate_report(ctx: inngest.Context) -> None:
    ctx.logger.info("report for %s", ctx.event.data["user_id"])


# --8<-- [end:concurrency]
