"""Configuration mistakes: option names, serve() lists, wait filters, event names."""

import datetime
import json

import fastapi
import inngest
import inngest.fast_api

from .app import client


# --8<-- [start:misspelled-option]
def register_with_typo() -> None:
    client.create_function(  # type: ignore[call-arg]
        fn_id="typo",
        triggers=inngest.TriggerEvent(event="debug/typo"),  # (1)!
    )


# --8<-- [end:misspelled-option]


# --8<-- [start:dropped-field]
@client.create_function(
    fn_id="pro-welcome",
    trigger=inngest.TriggerEvent(  # (1)!
        event="debug/signed-up",
        if_exp="event.data.plan == 'pro'",  # type: ignore[call-arg]
    ),
)
async def pro_welcome(ctx: inngest.Context) -> str:
    return "welcome, pro user"


# --8<-- [end:dropped-field]


# --8<-- [start:expression]
@client.create_function(
    fn_id="pro-welcome-fixed",
    trigger=inngest.TriggerEvent(
        event="debug/signed-up",
        expression="event.data.plan == 'pro'",  # triggers: expression
    ),
)
async def pro_welcome_fixed(ctx: inngest.Context) -> str:
    return "welcome, pro user"


# --8<-- [end:expression]


@client.create_function(
    fn_id="send-receipt",
    trigger=inngest.TriggerEvent(event="debug/order.paid"),
)
async def send_receipt(ctx: inngest.Context) -> str:
    return "receipt sent"


# --8<-- [start:missing-from-serve]
@client.create_function(
    fn_id="send-invoice",
    trigger=inngest.TriggerEvent(event="debug/order.paid"),
)
async def send_invoice(ctx: inngest.Context) -> str:
    return "invoice sent"


app = fastapi.FastAPI()
inngest.fast_api.serve(app, client, [send_receipt])  # (1)!
# --8<-- [end:missing-from-serve]


# --8<-- [start:if-exp-unquoted]
@client.create_function(
    fn_id="await-reply-unquoted",
    trigger=inngest.TriggerEvent(event="debug/lead.created"),
)
async def await_reply_unquoted(ctx: inngest.Context) -> bool:
    lead_id = ctx.event.data["lead_id"]
    reply = await ctx.step.wait_for_event(
        "await-reply",
        event="debug/reply.received",
        if_exp=f"async.data.lead_id == {lead_id}",  # (1)!
        timeout=datetime.timedelta(days=7),
    )
    return reply is not None


# --8<-- [end:if-exp-unquoted]


# --8<-- [start:if-exp-wrong-field]
@client.create_function(
    fn_id="await-reply-wrong-field",
    trigger=inngest.TriggerEvent(event="debug/lead.created"),
)
async def await_reply_wrong_field(ctx: inngest.Context) -> bool:
    reply = await ctx.step.wait_for_event(
        "await-reply",
        event="debug/reply.received",
        if_exp="async.data.leadId == event.data.lead_id",  # (1)!
        timeout=datetime.timedelta(days=7),
    )
    return reply is not None


# --8<-- [end:if-exp-wrong-field]


# --8<-- [start:if-exp-right]
@client.create_function(
    fn_id="await-reply",
    trigger=inngest.TriggerEvent(event="debug/lead.created"),
)
async def await_reply(ctx: inngest.Context) -> bool:
    reply = await ctx.step.wait_for_event(
        "await-reply",
        event="debug/reply.received",
        if_exp="async.data.lead_id == event.data.lead_id",  # (1)!
        timeout=datetime.timedelta(days=7),
    )
    return reply is not None


def reply_filter(lead_id: str) -> str:
    # If you must build the expression from a value, quote it as JSON.
    return f"async.data.lead_id == {json.dumps(lead_id)}"  # (2)!


# --8<-- [end:if-exp-right]


# --8<-- [start:event-name]
@client.create_function(
    fn_id="fulfil-order",
    trigger=inngest.TriggerEvent(event="shop/order.placed"),
)
async def fulfil_order(ctx: inngest.Context) -> str:
    return "fulfilled"


async def place_order() -> list[str]:
    return await client.send(inngest.Event(name="shop/order-placed"))  # (1)!


# --8<-- [end:event-name]


# --8<-- [start:duplicate-id]
@client.create_function(
    fn_id="notify-customer",
    trigger=inngest.TriggerEvent(event="debug/order.paid"),
)
async def email_customer(ctx: inngest.Context) -> str:
    return "email sent"


@client.create_function(
    fn_id="notify-customer",  # (1)!
    trigger=inngest.TriggerEvent(event="debug/order.shipped"),
)
async def text_customer(ctx: inngest.Context) -> str:
    return "text sent"


duplicate_app = fastapi.FastAPI()
inngest.fast_api.serve(duplicate_app, client, [email_customer, text_customer])
# --8<-- [end:duplicate-id]


# --8<-- [start:no-functions]
def registered_functions() -> list[inngest.Function[str]]:
    functions: list[inngest.Function[str]] = []
    # `functions.append(...)` was meant to happen here, under a condition
    # that was false, or in a module that was never imported.
    return functions


empty_app = fastapi.FastAPI()
inngest.fast_api.serve(empty_app, client, registered_functions())  # (1)!
# --8<-- [end:no-functions]


# --8<-- [start:sync-on-failure]
def report_failure(ctx: inngest.Context) -> None:  # (1)!
    """Page the on-call engineer."""


def register_charge_card() -> None:
    @client.create_function(
        fn_id="charge-card",
        trigger=inngest.TriggerEvent(event="debug/order.placed"),
        on_failure=report_failure,  # type: ignore[arg-type]
    )
    async def charge_card(ctx: inngest.Context) -> None:
        """Charge the customer's card."""


# --8<-- [end:sync-on-failure]


# --8<-- [start:field-required]
def register_refund() -> None:
    client.create_function(
        fn_id="refund",
        trigger=inngest.TriggerEvent(  # (1)!
            name="debug/refund.requested",  # type: ignore[call-arg]
        ),
        concurrency=[
            inngest.Concurrency(  # (2)!
                key="event.data.customer_id",  # type: ignore[call-arg]
            )
        ],
    )


# --8<-- [end:field-required]


# --8<-- [start:required-fields]
@client.create_function(
    fn_id="refund-fixed",
    trigger=inngest.TriggerEvent(event="debug/refund.requested"),
    concurrency=[inngest.Concurrency(key="event.data.customer_id", limit=1)],
)
async def refund_fixed(ctx: inngest.Context) -> str:
    return "refunded"


# --8<-- [end:required-fields]
