"""Choose the error: NonRetriableError to stop, RetryAfterError to wait first."""

# --8<-- [start:errors]
import datetime

import inngest

from .client import client


class RateLimited(Exception):
    """What your HTTP client raises on a 429 (a stand-in for this example)."""

    def __init__(self, retry_after: datetime.timedelta | int | datetime.datetime):
        super().__init__("429 Too Many Requests")
        self.retry_after = retry_after


async def call_payments_api(order_id: str, amount_cents: int) -> dict[str, str]:
    return {"charge_id": f"ch_{order_id}"}


async def charge(order_id: str, amount_cents: int) -> dict[str, str]:
    if amount_cents <= 0:
        # Retrying cannot fix bad input: fail the run now.
        raise inngest.NonRetriableError(f"{order_id}: amount must be positive")  # (1)!
    try:
        return await call_payments_api(order_id, amount_cents)
    except RateLimited as err:
        # Message first, then when: a timedelta, an int (ms) or a datetime.
        raise inngest.RetryAfterError(
            "payments API rate limit", err.retry_after
        ) from err  # (2)!


@client.create_function(
    fn_id="charge-order",
    trigger=inngest.TriggerEvent(event="shop/order.placed"),
)
async def charge_order(ctx: inngest.Context) -> dict[str, str]:
    order_id = str(ctx.event.data["order_id"])
    amount_cents = int(str(ctx.event.data["amount_cents"]))
    return await ctx.step.run("charge", charge, order_id, amount_cents)  # (3)!


# --8<-- [end:errors]
