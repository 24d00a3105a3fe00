import datetime

import inngest

from snippets.quick_reference.client import client


# --8<-- [start:cancel]
@client.create_function(
    fn_id="onboarding-drip",
    trigger=inngest.TriggerEvent(event="qr/user.signed-up"),
    cancel=[  # (1)!
        inngest.Cancel(
            event="qr/user.deleted",
            if_exp="async.data.user_id == event.data.user_id",  # (2)!
            timeout=datetime.timedelta(days=30),  # (3)!
        )
    ],
)
async def onboarding_drip(ctx: inngest.Context) -> None:
    await ctx.step.sleep("day-1", datetime.timedelta(days=1))
    await ctx.step.sleep("day-7", datetime.timedelta(days=6))


# --8<-- [end:cancel]
