import datetime

import inngest

from .client import client


# --8<-- [start:sleep]
@client.create_function(
    fn_id="send-reminder",
    trigger=inngest.TriggerEvent(event="qr/trial.started"),
)
async def send_reminder(ctx: inngest.Context) -> str:
    await ctx.step.sleep("wait-a-day", datetime.timedelta(hours=24))  # (1)!
    await ctx.step.sleep("and-a-minute", 60_000)  # (2)!
    return "reminded"


# --8<-- [end:sleep]


# --8<-- [start:sleep_until]
@client.create_function(
    fn_id="renewal-notice",
    trigger=inngest.TriggerEvent(event="qr/subscription.created"),
)
async def renewal_notice(ctx: inngest.Context) -> str:
    renews_at = datetime.datetime.fromisoformat(str(ctx.event.data["renews_at"]))
    await ctx.step.sleep_until("until-renewal", renews_at)  # (1)!
    return "notified"


# --8<-- [end:sleep_until]
