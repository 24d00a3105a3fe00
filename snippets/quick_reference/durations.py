import datetime

import inngest

from .client import client


# --8<-- [start:durations]
@client.create_function(
    fn_id="follow-up",
    trigger=inngest.TriggerEvent(event="qr/quote.sent"),
    debounce=inngest.Debounce(period=datetime.timedelta(seconds=30)),  # (1)!
)
async def follow_up(ctx: inngest.Context) -> str:
    await ctx.step.sleep("short-pause", 1_500)  # (2)!
    await ctx.step.sleep("three-days", datetime.timedelta(days=3))
    reply = await ctx.step.wait_for_event(
        "reply", event="qr/quote.replied", timeout=datetime.timedelta(hours=48)
    )
    return "replied" if reply else "no reply"


# --8<-- [end:durations]
