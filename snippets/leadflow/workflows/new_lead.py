"""Entry workflow: contact the lead by its strategy, then start waiting for a reply."""

# --8<-- [start:new-lead]
import inngest

from ..client import client
from ..events import AwaitReply, NewLead
from .outreach import email_outreach, phone_outreach

OUTREACH = {"email": email_outreach, "phone": phone_outreach}


@client.create_function(
    fn_id="new-lead",
    trigger=inngest.TriggerEvent(event="workflow/new-lead"),
    idempotency="event.data.lead_id",  # (1)!
)
async def new_lead(ctx: inngest.Context) -> dict[str, str]:
    lead = NewLead.model_validate(ctx.event.data)  # (2)!
    reference = await ctx.step.invoke(  # (3)!
        f"contact-by-{lead.strategy}",
        function=OUTREACH[lead.strategy],
        data=lead.model_dump(mode="json"),
    )
    wait = AwaitReply(lead_id=lead.lead_id, channel=lead.strategy, contact=lead.contact)
    await ctx.step.send_event(  # (4)!
        "start-await-reply",
        inngest.Event(name="workflow/await-reply", data=wait.model_dump()),
    )
    return {"lead_id": lead.lead_id, "channel": lead.strategy, "sent": str(reference)}


# --8<-- [end:new-lead]
