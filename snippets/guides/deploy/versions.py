"""Changing a function while runs are in flight: five versions of one workflow."""

import datetime
from typing import Any

import inngest

Fn = inngest.Function[Any]


async def create_account(email: str) -> str:
    return f"account for {email}"


async def send_tips(account: str) -> str:
    return f"tips sent to {account}"


async def verify_email(email: str) -> str:
    return f"{email} verified"


# --8<-- [start:v1]
def version_1(client: inngest.Inngest) -> Fn:
    @client.create_function(
        fn_id="onboard",
        trigger=inngest.TriggerEvent(event="shop/user.signed-up"),
    )
    async def onboard(ctx: inngest.Context) -> str:
        email = str(ctx.event.data["email"])
        account = await ctx.step.run("create-account", create_account, email)
        await ctx.step.sleep("wait-a-day", datetime.timedelta(days=1))  # (1)!
        ctx.logger.info("sending tips to %s", account)
        return await ctx.step.run("send-tips", send_tips, account)

    return onboard


# --8<-- [end:v1]


# --8<-- [start:renamed]
def renamed_step(client: inngest.Inngest) -> Fn:
    @client.create_function(
        fn_id="onboard",
        trigger=inngest.TriggerEvent(event="shop/user.signed-up"),
    )
    async def onboard(ctx: inngest.Context) -> str:
        email = str(ctx.event.data["email"])
        account = await ctx.step.run("create-user", create_account, email)  # (1)!
        await ctx.step.sleep("wait-a-day", datetime.timedelta(days=1))
        ctx.logger.info("sending tips to %s", account)
        return await ctx.step.run("send-tips", send_tips, account)

    return onboard


# --8<-- [end:renamed]


# --8<-- [start:added]
def added_step(client: inngest.Inngest) -> Fn:
    @client.create_function(
        fn_id="onboard",
        trigger=inngest.TriggerEvent(event="shop/user.signed-up"),
    )
    async def onboard(ctx: inngest.Context) -> str:
        email = str(ctx.event.data["email"])
        account = await ctx.step.run("create-account", create_account, email)
        await ctx.step.run("verify-email", verify_email, email)  # (1)!
        await ctx.step.sleep("wait-a-day", datetime.timedelta(days=1))
        ctx.logger.info("sending tips to %s", account)
        return await ctx.step.run("send-tips", send_tips, account)

    return onboard


# --8<-- [end:added]


# --8<-- [start:reordered]
def reordered_steps(client: inngest.Inngest) -> Fn:
    @client.create_function(
        fn_id="onboard",
        trigger=inngest.TriggerEvent(event="shop/user.signed-up"),
    )
    async def onboard(ctx: inngest.Context) -> str:
        email = str(ctx.event.data["email"])
        await ctx.step.sleep("wait-a-day", datetime.timedelta(days=1))  # (1)!
        account = await ctx.step.run("create-account", create_account, email)
        ctx.logger.info("sending tips to %s", account)
        return await ctx.step.run("send-tips", send_tips, account)

    return onboard


# --8<-- [end:reordered]


# --8<-- [start:removed]
def removed_step(client: inngest.Inngest) -> Fn:
    @client.create_function(
        fn_id="onboard",
        trigger=inngest.TriggerEvent(event="shop/user.signed-up"),
    )
    async def onboard(ctx: inngest.Context) -> str:
        email = str(ctx.event.data["email"])
        account = await ctx.step.run("create-account", create_account, email)
        ctx.logger.info("sending tips to %s", account)
        return await ctx.step.run("send-tips", send_tips, account)  # (1)!

    return onboard


# --8<-- [end:removed]


async def send_reminder(item: str) -> str:
    return f"reminder for {item}"


# --8<-- [start:loop]
def reminders(client: inngest.Inngest, skip: frozenset[str] = frozenset()) -> Fn:
    @client.create_function(
        fn_id="cart-reminders",
        trigger=inngest.TriggerEvent(event="shop/cart.abandoned"),
    )
    async def cart_reminders(ctx: inngest.Context) -> list[str]:
        cart = ctx.event.data["items"]
        assert isinstance(cart, list)
        items = [str(i) for i in cart if i not in skip]  # (1)!
        return [
            await ctx.step.run("remind", send_reminder, item)  # (2)!
            for item in items
        ]

    return cart_reminders


def reminders_by_item(
    client: inngest.Inngest, skip: frozenset[str] = frozenset()
) -> Fn:
    @client.create_function(
        fn_id="cart-reminders",
        trigger=inngest.TriggerEvent(event="shop/cart.abandoned"),
    )
    async def cart_reminders(ctx: inngest.Context) -> list[str]:
        cart = ctx.event.data["items"]
        assert isinstance(cart, list)
        items = [str(i) for i in cart if i not in skip]
        return [
            await ctx.step.run(f"remind-{item}", send_reminder, item)  # (3)!
            for item in items
        ]

    return cart_reminders


# --8<-- [end:loop]
