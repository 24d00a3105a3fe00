"""Fan-out with events: several functions on one event, and one step sending many."""

# --8<-- [start:many-functions]
import inngest

from .client import client


async def send_welcome_email(email: str) -> str:
    return f"welcomed {email}"


async def create_crm_contact(email: str) -> str:
    return f"created a CRM contact for {email}"


@client.create_function(
    fn_id="send-welcome-email",
    trigger=inngest.TriggerEvent(event="user/signed-up"),
)
async def welcome(ctx: inngest.Context) -> str:
    email = str(ctx.event.data["email"])
    return await ctx.step.run("send", send_welcome_email, email)


@client.create_function(
    fn_id="create-crm-contact",
    trigger=inngest.TriggerEvent(event="user/signed-up"),  # (1)!
)
async def crm_contact(ctx: inngest.Context) -> str:
    email = str(ctx.event.data["email"])
    return await ctx.step.run("create", create_crm_contact, email)


# --8<-- [end:many-functions]


# --8<-- [start:send-event]
async def load_subscribers(release: str) -> list[str]:
    return ["ada@example.com", "grace@example.com", "linus@example.com"]


@client.create_function(
    fn_id="announce-release",
    trigger=inngest.TriggerEvent(event="release/published"),
)
async def announce_release(ctx: inngest.Context) -> int:
    release = str(ctx.event.data["version"])
    emails = await ctx.step.run("load-subscribers", load_subscribers, release)
    ids = await ctx.step.send_event(  # (1)!
        "notify-each",
        [
            inngest.Event(
                name="release/notify",
                data={"email": email, "version": release},
                id=f"release-{release}-{email}",  # (2)!
            )
            for email in emails
        ],
    )
    return len(ids)  # (3)!


# --8<-- [end:send-event]
