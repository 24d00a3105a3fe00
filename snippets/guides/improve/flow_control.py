"""Flow control: what the Inngest server does with more events than you want runs.

The SDK only registers these settings; the server applies them. The tests
assert the registered config and evaluate every key as CEL.
"""

# --8<-- [start:imports]
import datetime

import inngest

from .client import client

# --8<-- [end:imports]


# --8<-- [start:concurrency]
async def build_report(account_id: str) -> str:
    return f"report for {account_id}"


@client.create_function(
    fn_id="build-report",
    trigger=inngest.TriggerEvent(event="report/requested"),
    concurrency=[
        inngest.Concurrency(limit=2, key="event.data.account_id"),  # (1)!
        inngest.Concurrency(limit=10, key='"reporting-db"', scope="env"),  # (2)!
    ],
)
async def build_report_fn(ctx: inngest.Context) -> str:
    account_id = str(ctx.event.data["account_id"])
    return await ctx.step.run("build", build_report, account_id)


# --8<-- [end:concurrency]


# --8<-- [start:throttle]
async def push_contact(contact_id: str) -> str:
    return f"pushed {contact_id} to the CRM"


@client.create_function(
    fn_id="push-contact-to-crm",
    trigger=inngest.TriggerEvent(event="crm/contact.updated"),
    throttle=inngest.Throttle(
        limit=10,  # (1)!
        period=datetime.timedelta(minutes=1),
        burst=5,
        key="event.data.account_id",
    ),
)
async def push_contact_fn(ctx: inngest.Context) -> str:
    return await ctx.step.run("push", push_contact, str(ctx.event.data["contact_id"]))


# --8<-- [end:throttle]


# --8<-- [start:rate-limit]
async def refresh_company(company_id: str) -> str:
    return f"refreshed {company_id}"


@client.create_function(
    fn_id="refresh-company",
    trigger=inngest.TriggerEvent(event="crm/company.updated"),
    rate_limit=inngest.RateLimit(
        limit=1,
        period=datetime.timedelta(hours=4),
        key="event.data.company_id",  # (1)!
    ),
)
async def refresh_company_fn(ctx: inngest.Context) -> str:
    company_id = str(ctx.event.data["company_id"])
    return await ctx.step.run("refresh", refresh_company, company_id)


# --8<-- [end:rate-limit]


# --8<-- [start:debounce]
async def reindex(document_id: str, revision: int) -> str:
    return f"indexed {document_id} at revision {revision}"


@client.create_function(
    fn_id="reindex-document",
    trigger=inngest.TriggerEvent(event="docs/document.edited"),
    debounce=inngest.Debounce(
        period=datetime.timedelta(minutes=5),  # (1)!
        key="event.data.document_id",
        timeout=datetime.timedelta(minutes=30),  # (2)!
    ),
)
async def reindex_fn(ctx: inngest.Context) -> str:
    data = ctx.event.data  # the LAST event of the burst
    return await ctx.step.run(
        "reindex", reindex, str(data["document_id"]), int(str(data["revision"]))
    )


# --8<-- [end:debounce]


# --8<-- [start:priority]
async def summarize(ticket_id: str) -> str:
    return f"summary of {ticket_id}"


@client.create_function(
    fn_id="summarize-ticket",
    trigger=inngest.TriggerEvent(event="support/ticket.created"),
    concurrency=[inngest.Concurrency(limit=5)],  # (1)!
    priority=inngest.Priority(run="event.data.plan == 'enterprise' ? 120 : 0"),  # (2)!
)
async def summarize_fn(ctx: inngest.Context) -> str:
    return await ctx.step.run("summarize", summarize, str(ctx.event.data["ticket_id"]))


# --8<-- [end:priority]


# --8<-- [start:batching]
async def store_page_views(counts: dict[str, int]) -> int:
    return sum(counts.values())  # one bulk INSERT instead of one per event


@client.create_function(
    fn_id="record-page-views",
    trigger=inngest.TriggerEvent(event="analytics/page.viewed"),
    batch_events=inngest.Batch(
        max_size=100,
        timeout=datetime.timedelta(seconds=5),
        key="event.data.site_id",  # (1)!
    ),
)
async def record_page_views(ctx: inngest.Context) -> int:
    counts: dict[str, int] = {}
    for event in ctx.events:  # (2)!
        path = str(event.data["path"])
        counts[path] = counts.get(path, 0) + 1
    return await ctx.step.run("store", store_page_views, counts)


# --8<-- [end:batching]


# --8<-- [start:singleton]
async def sync_mailbox(user_id: str) -> str:
    return f"synced the mailbox of {user_id}"


@client.create_function(
    fn_id="sync-mailbox",
    trigger=inngest.TriggerEvent(event="mail/sync.requested"),
    singleton=inngest.Singleton(key="event.data.user_id", mode="skip"),  # (1)!
)
async def sync_mailbox_fn(ctx: inngest.Context) -> str:
    return await ctx.step.run("sync", sync_mailbox, str(ctx.event.data["user_id"]))


# --8<-- [end:singleton]


# --8<-- [start:idempotency]
async def send_receipt(order_id: str) -> str:
    return f"receipt for {order_id}"


@client.create_function(
    fn_id="send-receipt",
    trigger=inngest.TriggerEvent(event="shop/order.paid"),
    idempotency="event.data.order_id",  # (1)!
)
async def send_receipt_fn(ctx: inngest.Context) -> str:
    return await ctx.step.run("send", send_receipt, str(ctx.event.data["order_id"]))


# --8<-- [end:idempotency]
