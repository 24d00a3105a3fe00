import datetime

import inngest

from snippets.quick_reference.client import client


# --8<-- [start:throttle]
@client.create_function(
    fn_id="sync-to-crm",
    trigger=inngest.TriggerEvent(event="qr/contact.changed"),
    throttle=inngest.Throttle(
        limit=10, period=datetime.timedelta(minutes=1), key="event.data.account_id"
    ),
)
async def sync_to_crm(ctx: inngest.Context) -> None: ...


# --8<-- [end:throttle]


# --8<-- [start:rate_limit]
@client.create_function(
    fn_id="send-digest",
    trigger=inngest.TriggerEvent(event="qr/digest.due"),
    rate_limit=inngest.RateLimit(
        limit=1, period=datetime.timedelta(hours=4), key="event.data.user_id"
    ),
)
async def send_digest(ctx: inngest.Context) -> None: ...


# --8<-- [end:rate_limit]


# --8<-- [start:debounce]
@client.create_function(
    fn_id="reindex-document",
    trigger=inngest.TriggerEvent(event="qr/document.edited"),
    debounce=inngest.Debounce(
        period=datetime.timedelta(seconds=30),
        key="event.data.document_id",
        timeout=datetime.timedelta(minutes=10),
    ),
)
async def reindex_document(ctx: inngest.Context) -> None: ...


# --8<-- [end:debounce]


# --8<-- [start:priority]
@client.create_function(
    fn_id="process-ticket",
    trigger=inngest.TriggerEvent(event="qr/ticket.opened"),
    priority=inngest.Priority(run="event.data.plan == 'enterprise' ? 120 : 0"),
)
async def process_ticket(ctx: inngest.Context) -> None: ...


# --8<-- [end:priority]


# --8<-- [start:idempotency]
@client.create_function(
    fn_id="send-receipt",
    trigger=inngest.TriggerEvent(event="qr/payment.succeeded"),
    idempotency="event.data.payment_id",
)
async def send_receipt(ctx: inngest.Context) -> None: ...


# --8<-- [end:idempotency]


# --8<-- [start:singleton]
@client.create_function(
    fn_id="rebuild-search-index",
    trigger=inngest.TriggerEvent(event="qr/index.rebuild-requested"),
    singleton=inngest.Singleton(mode="skip", key="event.data.index_name"),
)
async def rebuild_search_index(ctx: inngest.Context) -> None: ...


# --8<-- [end:singleton]


# --8<-- [start:timeouts]
@client.create_function(
    fn_id="render-video",
    trigger=inngest.TriggerEvent(event="qr/video.uploaded"),
    timeouts=inngest.Timeouts(
        start=datetime.timedelta(minutes=5),
        finish=datetime.timedelta(hours=1),
    ),
)
async def render_video(ctx: inngest.Context) -> None: ...


# --8<-- [end:timeouts]
