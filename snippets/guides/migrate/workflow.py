"""The lead workflow after the move: one function per retry policy, the CRM
call throttled in one place, a reply checked in the database too."""

# --8<-- [start:client]
import datetime

import inngest

from . import leads

client = inngest.Inngest(app_id="lead-nurture")
REPLY_WINDOW = datetime.timedelta(hours=48)
# --8<-- [end:client]


# --8<-- [start:crm]
@client.create_function(
    fn_id="crm-add-note",
    trigger=inngest.TriggerEvent(event="crm/note.requested"),
    retries=5,  # (1)!
    throttle=inngest.Throttle(  # (2)!
        limit=10, period=datetime.timedelta(seconds=1)
    ),
    concurrency=[inngest.Concurrency(limit=4)],  # (3)!
)
def crm_add_note(ctx: inngest.ContextSync) -> str:
    lead_id, text = str(ctx.event.data["lead_id"]), str(ctx.event.data["text"])
    return ctx.step.run("add-note", leads.add_crm_note, lead_id, text)  # (4)!


# --8<-- [end:crm]


# --8<-- [start:workflow]
@client.create_function(
    fn_id="nurture-lead",
    trigger=inngest.TriggerEvent(event="lead/created"),
    retries=3,
    idempotency="event.data.lead_id",  # (1)!
    cancel=[
        inngest.Cancel(
            event="lead/unsubscribed",  # (2)!
            if_exp="async.data.lead_id == event.data.lead_id",
        )
    ],
)
def nurture_lead(ctx: inngest.ContextSync) -> str:
    lead_id = str(ctx.event.data["lead_id"])
    owner = f"inngest:{ctx.run_id}"
    if not ctx.step.run("claim-lead", leads.claim, lead_id, owner):  # (3)!
        return "duplicate"
    message_id = ctx.step.run("send-welcome", leads.send_email, lead_id, "welcome")
    ctx.step.invoke(  # (4)!
        "note-welcome",
        function=crm_add_note,
        data={"lead_id": lead_id, "text": f"welcome sent: {message_id}"},
    )
    reply = ctx.step.wait_for_event(  # (5)!
        "await-reply",
        event="lead/replied",
        if_exp="async.data.lead_id == event.data.lead_id",
        timeout=REPLY_WINDOW,
    )
    if reply is not None:
        return "replied"
    return ctx.step.run("follow-up", follow_up, lead_id)  # (6)!


def follow_up(lead_id: str) -> str:
    if leads.has_replied(lead_id):
        return "replied"
    leads.send_email(lead_id, "follow-up")
    return "followed-up"


# --8<-- [end:workflow]


# --8<-- [start:events]
def lead_created(lead_id: str) -> inngest.Event:
    """The event that starts the workflow, from the new-lead endpoint."""
    return inngest.Event(
        name="lead/created",
        id=f"lead-created-{lead_id}",  # (1)!
        data={"lead_id": lead_id},
    )


def on_reply(lead_id: str) -> None:
    """Call from the webhook that receives the lead's reply."""
    leads.record_reply(lead_id)  # (2)!
    client.send_sync(inngest.Event(name="lead/replied", data={"lead_id": lead_id}))


# --8<-- [end:events]


# --8<-- [start:reassign]
@client.create_function(
    fn_id="note-reassignment",
    trigger=inngest.TriggerEvent(event="lead/reassigned"),
)
def note_reassignment(ctx: inngest.ContextSync) -> str:
    owner = str(ctx.event.data["owner"])
    return ctx.step.invoke(
        "note-owner",
        function=crm_add_note,  # (1)!
        data={"lead_id": ctx.event.data["lead_id"], "text": f"owner: {owner}"},
    )


# --8<-- [end:reassign]
