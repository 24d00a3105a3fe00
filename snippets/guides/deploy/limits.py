"""Platform limits: which ones the SDK checks before Inngest does."""

import datetime
from typing import Any

import inngest


async def load_orders() -> list[str]:
    return ["x" * 100] * 50_000  # 5 MB of JSON


# --8<-- [start:big-output]
def export_functions(client: inngest.Inngest) -> list[inngest.Function[Any]]:
    @client.create_function(
        fn_id="export-orders",
        trigger=inngest.TriggerEvent(event="shop/export.requested"),
    )
    async def export_orders(ctx: inngest.Context) -> int:
        rows = await ctx.step.run("load", load_orders)  # (1)!
        return len(rows)

    return [export_orders]


# --8<-- [end:big-output]


# --8<-- [start:chunked-send]
async def send_in_chunks(
    client: inngest.Inngest, events: list[inngest.Event], size: int = 5000
) -> list[str]:
    ids: list[str] = []
    for start in range(0, len(events), size):  # (1)!
        ids += await client.send(events[start : start + size])
    return ids


# --8<-- [end:chunked-send]


# --8<-- [start:long-sleep]
def renewal_functions(client: inngest.Inngest) -> list[inngest.Function[Any]]:
    @client.create_function(
        fn_id="renewal-reminder",
        trigger=inngest.TriggerEvent(event="shop/subscription.started"),
        batch_events=inngest.Batch(  # (1)!
            max_size=1000, timeout=datetime.timedelta(seconds=60)
        ),
    )
    async def renewal_reminder(ctx: inngest.Context) -> None:
        await ctx.step.sleep("wait-400-days", datetime.timedelta(days=400))  # (2)!

    return [renewal_reminder]


# --8<-- [end:long-sleep]
