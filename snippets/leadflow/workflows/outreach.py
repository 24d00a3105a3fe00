"""The two outreach workflows new-lead branches to: one per strategy."""

# --8<-- [start:outreach]
import inngest
import pydantic

from ..client import client
from ..events import NewLead
from ..services import deliver


class InvokedLead(NewLead):  # (1)!
    """A lead as an outreach run receives it: invoked runs get `_inngest` too."""

    invocation: dict[str, object] | None = pydantic.Field(None, alias="_inngest")


@client.create_function(
    fn_id="email-outreach",
    trigger=inngest.TriggerEvent(event="workflow/email-outreach"),  # (2)!
)
async def email_outreach(ctx: inngest.Context) -> str:
    lead = InvokedLead.model_validate(ctx.event.data)
    text = f"Hi {lead.name}, thanks for your interest. When can we talk?"
    return await ctx.step.run(
        "send-intro-email", deliver, "email", lead.lead_id, lead.contact, text
    )


@client.create_function(
    fn_id="phone-outreach",
    trigger=inngest.TriggerEvent(event="workflow/phone-outreach"),
)
async def phone_outreach(ctx: inngest.Context) -> str:
    lead = InvokedLead.model_validate(ctx.event.data)
    await ctx.step.run(
        "text-heads-up", deliver, "sms", lead.lead_id, lead.contact, "We'll call soon"
    )
    return await ctx.step.run(
        "queue-call", deliver, "call", lead.lead_id, lead.contact, f"Call {lead.name}"
    )


# --8<-- [end:outreach]
