import inngest

from .client import client


# --8<-- [start:event]
@client.create_function(
    fn_id="on-signup",
    trigger=inngest.TriggerEvent(event="qr/user.signed-up"),
)
async def on_signup(ctx: inngest.Context) -> str:
    return str(ctx.event.data["email"])


# --8<-- [end:event]


# --8<-- [start:cron]
@client.create_function(
    fn_id="nightly-report",
    trigger=inngest.TriggerCron(cron="TZ=Europe/Paris 0 2 * * *"),  # (1)!
)
async def nightly_report(ctx: inngest.Context) -> str:
    return "report sent"


# --8<-- [end:cron]


# --8<-- [start:several]
@client.create_function(
    fn_id="sync-crm",
    trigger=[
        inngest.TriggerEvent(event="qr/contact.created"),
        inngest.TriggerEvent(event="qr/contact.updated"),
        inngest.TriggerCron(cron="0 * * * *"),
    ],
)
async def sync_crm(ctx: inngest.Context) -> str:
    return ctx.event.name


# --8<-- [end:several]


# --8<-- [start:expression]
@client.create_function(
    fn_id="upgrade-welcome",
    trigger=inngest.TriggerEvent(
        event="qr/plan.changed",
        expression="event.data.plan == 'pro'",  # (1)!
    ),
)
async def upgrade_welcome(ctx: inngest.Context) -> str:
    return "welcome to pro"


# --8<-- [end:expression]
