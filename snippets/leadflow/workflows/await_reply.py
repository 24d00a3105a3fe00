"""Wait for the lead's reply; follow up if none comes; stop if they book."""

# --8<-- [start:await-reply]
import inngest

from ..client import client, settings
from ..events import AwaitReply
from ..services import deliver, has_replied


@client.create_function(
    fn_id="await-reply",
    trigger=inngest.TriggerEvent(event="workflow/await-reply"),
    cancel=[
        inngest.Cancel(  # (1)!
            event="api/appointment-booked",
            if_exp="async.data.lead_id == event.data.lead_id",
        )
    ],
    concurrency=[inngest.Concurrency(limit=1, key="event.data.lead_id")],  # (2)!
    idempotency="event.data.lead_id",  # (3)!
)
async def await_reply(ctx: inngest.Context) -> dict[str, str]:
    wait = AwaitReply.model_validate(ctx.event.data)
    reply = await ctx.step.wait_for_event(  # (4)!
        "wait-for-reply",
        event="api/reply-received",
        if_exp="async.data.lead_id == event.data.lead_id",
        timeout=settings.reply_timeout,
    )
    if reply is not None:
        return {"lead_id": wait.lead_id, "outcome": "replied"}
    if await ctx.step.run("check-crm-for-reply", has_replied, wait.lead_id):  # (5)!
        return {"lead_id": wait.lead_id, "outcome": "replied"}
    reference = await ctx.step.run(  # (6)!
        "send-follow-up",
        deliver,
        wait.channel,
        wait.lead_id,
        wait.contact,
        "Following up on our last message",
    )
    return {"lead_id": wait.lead_id, "outcome": "followed-up", "sent": reference}


# --8<-- [end:await-reply]
