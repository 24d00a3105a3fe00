import datetime

import inngest

from snippets.quick_reference.client import client


# --8<-- [start:wait]
@client.create_function(
    fn_id="expense-approval",
    trigger=inngest.TriggerEvent(event="qr/expense.submitted"),
)
async def expense_approval(ctx: inngest.Context) -> str:
    approval = await ctx.step.wait_for_event(
        "wait-for-approval",
        event="qr/expense.approved",  # (1)!
        if_exp="async.data.expense_id == event.data.expense_id",  # (2)!
        timeout=datetime.timedelta(days=7),  # (3)!
    )
    if approval is None:  # (4)!
        return "expired"
    return f"approved by {approval.data['approver']}"


# --8<-- [end:wait]
