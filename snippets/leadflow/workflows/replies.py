"""Handle a reply: started by `workflow/process-reply`, twin of `api/reply-received`."""

# --8<-- [start:process-reply]
import inngest

from ..client import client
from ..events import ReplyReceived
from ..services import deliver, record_reply


@client.create_function(
    fn_id="process-reply",
    trigger=inngest.TriggerEvent(event="workflow/process-reply"),
)
async def process_reply(ctx: inngest.Context) -> str:
    reply = ReplyReceived.model_validate(ctx.event.data)
    await ctx.step.run("record-reply", record_reply, reply.lead_id, reply.text)  # (1)!
    return await ctx.step.run(
        "notify-sales", deliver, "task", reply.lead_id, "sales", reply.text
    )


# --8<-- [end:process-reply]
