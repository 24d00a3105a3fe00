"""Memoization is per run: a lost response or a second delivery can repeat a step."""

# --8<-- [start:provider]
import dataclasses
import uuid

import inngest

from .client import client


@dataclasses.dataclass
class Payments:
    """A payment API that honours idempotency keys, as Stripe's does."""

    charges: dict[str, int] = dataclasses.field(default_factory=dict)

    async def charge(self, idempotency_key: str, cents: int) -> str:
        self.charges.setdefault(idempotency_key, cents)  # (1)!
        return idempotency_key


payments = Payments()
# --8<-- [end:provider]


# --8<-- [start:random-key]
@client.create_function(
    fn_id="charge-order-unsafe",
    trigger=inngest.TriggerEvent(event="shop/order.confirmed"),
)
async def charge_order_unsafe(ctx: inngest.Context) -> str:
    key = uuid.uuid4().hex  # (1)!
    return await ctx.step.run("charge", payments.charge, key, 4999)


# --8<-- [end:random-key]


# --8<-- [start:order-key]
@client.create_function(
    fn_id="charge-order",
    trigger=inngest.TriggerEvent(event="shop/order.confirmed"),
)
async def charge_order(ctx: inngest.Context) -> str:
    key = f"charge-{ctx.event.data['order_id']}"  # (1)!
    return await ctx.step.run("charge", payments.charge, key, 4999)


# --8<-- [end:order-key]
