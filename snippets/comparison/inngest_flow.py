"""The lead workflow on Inngest: one function, durable steps, a wait for an event."""

# --8<-- [start:inngest]
import inngest

from . import leads

client = inngest.Inngest(app_id="lead-nurture")


async def send(lead_id: str, template: str) -> str:
    return leads.send_message(lead_id, template)


async def note(lead_id: str, text: str) -> None:
    leads.add_note(lead_id, text)


async def follow_up(lead_id: str) -> str:
    if leads.has_replied(lead_id):
        return "replied"
    leads.send_message(lead_id, "follow-up")
    return "followed-up"


@client.create_function(
    fn_id="nurture-lead",
    trigger=inngest.TriggerEvent(event="lead/created"),
    retries=3,  # (1)!
    idempotency="event.data.lead_id",  # (2)!
    cancel=[
        inngest.Cancel(
            event="lead/unsubscribed",
            if_exp="async.data.lead_id == event.data.lead_id",
        )
    ],
)
async def nurture_lead(ctx: inngest.Context) -> str:
    lead_id = str(ctx.event.data["lead_id"])
    message_id = await ctx.step.run("send-welcome", send, lead_id, "welcome")
    await ctx.step.run("note-welcome", note, lead_id, f"welcome sent: {message_id}")
    reply = await ctx.step.wait_for_event(  # (3)!
        "await-reply",
        event="lead/replied",
        if_exp="async.data.lead_id == event.data.lead_id",
        timeout=leads.REPLY_WINDOW,
    )
    if reply is not None:
        return "replied"
    return await ctx.step.run("send-follow-up", follow_up, lead_id)  # (4)!


# --8<-- [end:inngest]


# --8<-- [start:inngest-start]
async def start(lead_id: str) -> None:
    """Call from the endpoint that receives a new lead."""
    await client.send(inngest.Event(name="lead/created", data={"lead_id": lead_id}))


async def on_reply(lead_id: str) -> None:
    """Call from the webhook that receives the lead's reply."""
    leads.record_reply(lead_id)
    await client.send(inngest.Event(name="lead/replied", data={"lead_id": lead_id}))


# --8<-- [end:inngest-start]
