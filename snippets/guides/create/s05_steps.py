"""Stage 5: steps, and passing one step's output to the next."""

import inngest

from .s02_client import client
from .s04_event import UserSignedUp


# --8<-- [start:stage]
async def create_account(email: str) -> str:
    return f"acct-{email.split('@')[0]}"  # your database call


async def send_welcome(account_id: str, plan: str) -> str:
    return f"welcome email for {account_id} on {plan}"  # your email provider


@client.create_function(
    fn_id="onboard-user",
    trigger=inngest.TriggerEvent(event="app/user.signed-up"),
)
async def onboard_user(ctx: inngest.Context) -> str:
    user = UserSignedUp.model_validate(ctx.event.data)  # (1)!
    account_id = await ctx.step.run("create-account", create_account, user.email)
    return await ctx.step.run(  # (2)!
        "send-welcome", send_welcome, account_id, user.plan
    )


# --8<-- [end:stage]
