"""Step mistakes: what a step returns, where steps may be called, state across steps."""

import asyncio
import datetime
import uuid

import inngest

from .app import client


# --8<-- [start:unserializable]
async def fetch_created_at() -> datetime.datetime:
    return datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC)


@client.create_function(
    fn_id="unserializable",
    trigger=inngest.TriggerEvent(event="debug/unserializable"),
    retries=0,
)
async def report_age(ctx: inngest.Context) -> str:
    created = await ctx.step.run("created-at", fetch_created_at)  # (1)!
    return created.isoformat()


# --8<-- [end:unserializable]


# --8<-- [start:serializable]
async def fetch_created_at_iso() -> str:
    created = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC)
    return created.isoformat()  # JSON-safe: str, int, float, bool, None, list, dict


@client.create_function(
    fn_id="serializable",
    trigger=inngest.TriggerEvent(event="debug/serializable"),
)
async def report_age_fixed(ctx: inngest.Context) -> str:
    created = datetime.datetime.fromisoformat(
        await ctx.step.run("created-at", fetch_created_at_iso)
    )
    return created.isoformat()


# --8<-- [end:serializable]

calls: list[str] = []
"""Which step bodies ran, in order (the tests read it)."""


async def notify(channel: str) -> str:
    calls.append(channel)
    return f"sent by {channel}"


# --8<-- [start:gather]
@client.create_function(
    fn_id="gather",
    trigger=inngest.TriggerEvent(event="debug/gather"),
)
async def notify_all_gather(ctx: inngest.Context) -> list[str]:
    return list(
        await asyncio.gather(  # (1)!
            ctx.step.run("email", notify, "email"),
            ctx.step.run("sms", notify, "sms"),
        )
    )


# --8<-- [end:gather]


# --8<-- [start:parallel]
@client.create_function(
    fn_id="parallel",
    trigger=inngest.TriggerEvent(event="debug/parallel"),
)
async def notify_all(ctx: inngest.Context) -> list[str]:
    results = await ctx.group.parallel(
        (
            lambda: ctx.step.run("email", notify, "email"),
            lambda: ctx.step.run("sms", notify, "sms"),
        )
    )
    return list(results)


# --8<-- [end:parallel]


async def load_user(user_id: str) -> dict[str, str]:
    return {"id": user_id, "email": f"{user_id}@example.com"}


async def send_welcome(email: str) -> str:
    return f"welcome sent to {email}"


# --8<-- [start:nested]
@client.create_function(
    fn_id="nested",
    trigger=inngest.TriggerEvent(event="debug/nested"),
)
async def onboard_nested(ctx: inngest.Context) -> str:
    async def onboard_user() -> str:
        return await ctx.step.run(
            "send-welcome", send_welcome, "u1@example.com"
        )  # (1)!

    return await ctx.step.run("onboard", onboard_user)


# --8<-- [end:nested]


# --8<-- [start:sequential]
@client.create_function(
    fn_id="sequential",
    trigger=inngest.TriggerEvent(event="debug/sequential"),
)
async def onboard(ctx: inngest.Context) -> str:
    user = await ctx.step.run("load-user", load_user, "u1")
    return await ctx.step.run("send-welcome", send_welcome, user["email"])


# --8<-- [end:sequential]


# --8<-- [start:lost-variable]
@client.create_function(
    fn_id="lost-variable",
    trigger=inngest.TriggerEvent(event="debug/lost-variable"),
    retries=0,
)
async def welcome_lost(ctx: inngest.Context) -> str:
    email = None

    async def load() -> None:
        nonlocal email
        email = (await load_user("u1"))["email"]  # (1)!

    await ctx.step.run("load-user", load)
    return await ctx.step.run("send-welcome", send_welcome, email.upper())  # type: ignore[union-attr]


# --8<-- [end:lost-variable]


# --8<-- [start:return-value]
@client.create_function(
    fn_id="return-value",
    trigger=inngest.TriggerEvent(event="debug/return-value"),
)
async def welcome(ctx: inngest.Context) -> str:
    user = await ctx.step.run("load-user", load_user, "u1")  # (1)!
    return await ctx.step.run("send-welcome", send_welcome, user["email"].upper())


# --8<-- [end:return-value]


# --8<-- [start:unstable-step-id]
@client.create_function(
    fn_id="unstable-step-id",
    trigger=inngest.TriggerEvent(event="debug/unstable-step-id"),
    retries=0,
)
async def notify_unique(ctx: inngest.Context) -> str:
    await ctx.group.parallel(
        (
            lambda: ctx.step.run(f"email-{uuid.uuid4()}", notify, "email"),  # (1)!
            lambda: ctx.step.run("sms", notify, "sms"),
        )
    )
    return await ctx.step.run("log-sent", notify, "log")


# --8<-- [end:unstable-step-id]


# --8<-- [start:stable-step-id]
@client.create_function(
    fn_id="stable-step-id",
    trigger=inngest.TriggerEvent(event="debug/stable-step-id"),
)
async def notify_user(ctx: inngest.Context) -> str:
    user_id = ctx.event.data["user_id"]
    await ctx.group.parallel(
        (
            lambda: ctx.step.run(f"email-{user_id}", notify, "email"),  # (1)!
            lambda: ctx.step.run("sms", notify, "sms"),
        )
    )
    return await ctx.step.run("log-sent", notify, "log")


# --8<-- [end:stable-step-id]
