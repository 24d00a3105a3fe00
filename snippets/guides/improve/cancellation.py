"""Cancel a sleeping trial-nurture run as soon as the account subscribes."""

# --8<-- [start:cancel]
import datetime

import inngest

from .client import client


async def send_tips(account_id: str) -> str:
    return f"sent tips to {account_id}"


async def downgrade(account_id: str) -> str:
    return f"downgraded {account_id}"


@client.create_function(
    fn_id="trial-nurture",
    trigger=inngest.TriggerEvent(event="trial/started"),
    cancel=[  # (1)!
        inngest.Cancel(
            event="billing/subscribed",
            if_exp="async.data.account_id == event.data.account_id",  # (2)!
            timeout=datetime.timedelta(days=30),  # (3)!
        )
    ],
)
async def trial_nurture(ctx: inngest.Context) -> str:
    account_id = str(ctx.event.data["account_id"])
    await ctx.step.sleep("wait-a-week", datetime.timedelta(days=7))
    await ctx.step.run("send-tips", send_tips, account_id)

    ends_at = datetime.datetime.fromisoformat(str(ctx.event.data["ends_at"]))
    await ctx.step.sleep_until("wait-for-trial-end", ends_at)  # (4)!
    return await ctx.step.run("downgrade", downgrade, account_id)


# --8<-- [end:cancel]
