"""Human in the loop: pause a run until a person decides, or give up after 3 days."""

# --8<-- [start:approval]
import datetime

import inngest

from .client import client


async def notify_approver(expense_id: str) -> str:
    return f"asked a manager to review {expense_id}"  # email, Slack, ...


async def record_decision(expense_id: str, approved: bool) -> dict[str, str]:
    return {"expense_id": expense_id, "status": "approved" if approved else "rejected"}


async def escalate(expense_id: str) -> dict[str, str]:
    return {"expense_id": expense_id, "status": "escalated"}


@client.create_function(
    fn_id="expense-approval",
    trigger=inngest.TriggerEvent(event="expense/submitted"),
)
async def expense_approval(ctx: inngest.Context) -> dict[str, str]:
    expense_id = str(ctx.event.data["expense_id"])
    await ctx.step.run("notify-approver", notify_approver, expense_id)

    decision = await ctx.step.wait_for_event(
        "wait-for-decision",
        event="expense/decided",  # (1)!
        if_exp="async.data.expense_id == event.data.expense_id",  # (2)!
        timeout=datetime.timedelta(days=3),  # (3)!
    )
    if decision is None:  # (4)!
        return await ctx.step.run("escalate", escalate, expense_id)

    approved = decision.data.get("approved") is True
    return await ctx.step.run("record-decision", record_decision, expense_id, approved)


# --8<-- [end:approval]
