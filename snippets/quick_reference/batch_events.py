import datetime

import inngest

from snippets.quick_reference.client import client


# --8<-- [start:batch]
@client.create_function(
    fn_id="bulk-insert-clicks",
    trigger=inngest.TriggerEvent(event="qr/link.clicked"),
    batch_events=inngest.Batch(
        max_size=100,
        timeout=datetime.timedelta(seconds=5),
        key="event.data.account_id",
    ),
)
async def bulk_insert_clicks(ctx: inngest.Context) -> int:
    return len(ctx.events)  # (1)!


# --8<-- [end:batch]
