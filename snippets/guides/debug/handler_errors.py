"""Handler mistakes from older docs and the seed, next to the form that works."""

import datetime

import inngest

# --8<-- [start:errors-import]
from inngest import NonRetriableError, RetryAfterError  # (1)!

# --8<-- [end:errors-import]
from .app import client


# --8<-- [start:old-signature]
@client.create_function(  # type: ignore[arg-type]
    fn_id="old-signature",  # (1)!
    trigger=inngest.TriggerEvent(event="debug/old-signature"),
)
async def send_welcome(ctx: inngest.Context, step: inngest.Step) -> str:
    return await step.run("send", send_email)


# --8<-- [end:old-signature]


async def send_email() -> str:
    return "sent"


# --8<-- [start:new-signature]


@client.create_function(
    fn_id="new-signature",
    trigger=inngest.TriggerEvent(event="debug/new-signature"),
)
async def send_welcome_fixed(ctx: inngest.Context) -> str:
    return await ctx.step.run("send", send_email)  # (1)!


# --8<-- [end:new-signature]


# --8<-- [start:string-duration]
@client.create_function(
    fn_id="string-duration",
    trigger=inngest.TriggerEvent(event="debug/string-duration"),
    retries=0,
)
async def cool_off(ctx: inngest.Context) -> None:
    await ctx.step.sleep("wait-24h", "24h")  # type: ignore[arg-type]


# --8<-- [end:string-duration]


# --8<-- [start:timedelta-duration]
@client.create_function(
    fn_id="timedelta-duration",
    trigger=inngest.TriggerEvent(event="debug/timedelta-duration"),
)
async def cool_off_fixed(ctx: inngest.Context) -> None:
    await ctx.step.sleep("wait-24h", datetime.timedelta(hours=24))


# --8<-- [end:timedelta-duration]


# --8<-- [start:retry-after-wrong]
@client.create_function(
    fn_id="retry-after-wrong",
    trigger=inngest.TriggerEvent(event="debug/retry-after-wrong"),
    retries=0,
)
async def call_api(ctx: inngest.Context) -> None:  # (1)!
    raise RetryAfterError("1h", "Rate limited")  # type: ignore[arg-type]


# --8<-- [end:retry-after-wrong]


async def fetch_quota() -> dict[str, int]:
    return {"status": 429, "remaining": 0}


# --8<-- [start:retry-after-right]
@client.create_function(
    fn_id="retry-after-right",
    trigger=inngest.TriggerEvent(event="debug/retry-after-right"),
)
async def call_api_fixed(ctx: inngest.Context) -> dict[str, int]:
    if not ctx.event.data.get("account_id"):
        raise NonRetriableError("account_id is required")  # (1)!
    response = await ctx.step.run("fetch-quota", fetch_quota)
    if response["status"] == 429:
        raise RetryAfterError("Rate limited", datetime.timedelta(hours=1))  # (2)!
    return response


# --8<-- [end:retry-after-right]
