"""Option durations and wait timeouts must be whole seconds."""

import datetime

import inngest

from .app import client


# --8<-- [start:fractional-seconds]
@client.create_function(
    fn_id="remind-trial",
    trigger=inngest.TriggerEvent(event="debug/trial.started"),
    cancel=[inngest.Cancel(event="debug/trial.converted", timeout=1_500)],  # (1)!
)
async def remind_trial(ctx: inngest.Context) -> None:
    await ctx.step.sleep("pause", 1_500)  # (2)!


@client.create_function(
    fn_id="await-upgrade",
    trigger=inngest.TriggerEvent(event="debug/trial.started"),
)
async def await_upgrade(ctx: inngest.Context) -> None:
    await ctx.step.wait_for_event(
        "wait-for-upgrade",
        event="debug/trial.upgraded",
        timeout=datetime.timedelta(seconds=90.5),  # (3)!
    )


# --8<-- [end:fractional-seconds]


# --8<-- [start:whole-seconds]
@client.create_function(
    fn_id="remind-trial-fixed",
    trigger=inngest.TriggerEvent(event="debug/trial.started"),
    cancel=[
        inngest.Cancel(
            event="debug/trial.converted", timeout=datetime.timedelta(seconds=2)
        )
    ],
)
async def remind_trial_fixed(ctx: inngest.Context) -> None:
    await ctx.step.wait_for_event(
        "wait-for-upgrade",
        event="debug/trial.upgraded",
        timeout=datetime.timedelta(seconds=91),
    )


# --8<-- [end:whole-seconds]


# --8<-- [start:milliseconds-not-seconds]
@client.create_function(
    fn_id="sync-crm",
    trigger=inngest.TriggerEvent(event="debug/contact.updated"),
    throttle=inngest.Throttle(limit=10, period=60),  # (1)!
)
async def sync_crm(ctx: inngest.Context) -> None:
    await ctx.step.wait_for_event(
        "wait-for-merge",
        event="debug/contact.merged",
        timeout=30,  # (2)!
    )


# --8<-- [end:milliseconds-not-seconds]


# --8<-- [start:timedelta-seconds]
@client.create_function(
    fn_id="sync-crm-fixed",
    trigger=inngest.TriggerEvent(event="debug/contact.updated"),
    throttle=inngest.Throttle(limit=10, period=datetime.timedelta(seconds=60)),
)
async def sync_crm_fixed(ctx: inngest.Context) -> None:
    await ctx.step.wait_for_event(
        "wait-for-merge",
        event="debug/contact.merged",
        timeout=datetime.timedelta(seconds=30),
    )


# --8<-- [end:timedelta-seconds]
