"""Per-step retries, and StepError once a step has used all its attempts."""

# --8<-- [start:retries]
import inngest

from .client import client


async def load_invoice(invoice_id: str) -> dict[str, str]:
    return {"id": invoice_id, "total": "120.00"}


async def push_to_accounting(invoice: dict[str, str]) -> str:
    return f"booked {invoice['id']}"  # an HTTP call that may fail


async def open_ticket(invoice_id: str, reason: str) -> str:
    return f"ticket for {invoice_id}: {reason}"


@client.create_function(
    fn_id="sync-invoice",
    trigger=inngest.TriggerEvent(event="billing/invoice.finalized"),
    retries=3,  # (1)!
)
async def sync_invoice(ctx: inngest.Context) -> str:
    invoice_id = str(ctx.event.data["invoice_id"])
    invoice = await ctx.step.run("load-invoice", load_invoice, invoice_id)  # (2)!
    try:
        return await ctx.step.run("push", push_to_accounting, invoice)
    except inngest.StepError as err:  # (3)!
        reason = f"{err.name}: {err.message}"
        return await ctx.step.run("open-ticket", open_ticket, invoice_id, reason)


# --8<-- [end:retries]
