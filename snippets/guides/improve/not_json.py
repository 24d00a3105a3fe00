"""A step that returns something JSON cannot encode."""

# --8<-- [start:not-json]
import datetime

import inngest

from snippets.guides.improve.client import client


async def now() -> datetime.datetime:
    return datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)


@client.create_function(
    fn_id="stamp-order",
    trigger=inngest.TriggerEvent(event="shop/order.stamped"),
)
async def stamp_order(ctx: inngest.Context) -> str:
    stamped = await ctx.step.run("now", now)  # (1)!
    return stamped.isoformat()


# --8<-- [end:not-json]
