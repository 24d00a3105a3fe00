"""Observability: your own logger for the SDK, and Sentry for failed attempts."""

# --8<-- [start:client]
import logging
import os
from typing import Any

import inngest
import sentry_sdk
from inngest.experimental.sentry_middleware import SentryMiddleware


def init_sentry() -> None:
    sentry_sdk.init(  # (1)!
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("INNGEST_ENV") or "production",
        release=os.environ.get("GIT_SHA"),
    )


def create_client() -> inngest.Inngest:
    return inngest.Inngest(
        app_id="shop",
        logger=logging.getLogger("shop.inngest"),  # (2)!
        middleware=[SentryMiddleware],  # (3)!
    )


# --8<-- [end:client]


# --8<-- [start:function]
async def charge_card(order_id: str) -> str:
    raise RuntimeError(f"card declined for {order_id}")


def payment_functions(client: inngest.Inngest) -> list[inngest.Function[Any]]:
    @client.create_function(
        fn_id="charge-order",
        trigger=inngest.TriggerEvent(event="shop/order.placed"),
        retries=1,
    )
    async def charge_order(ctx: inngest.Context) -> str:
        order_id = str(ctx.event.data["order_id"])
        ctx.logger.info("charging order %s", order_id)  # (1)!
        return await ctx.step.run("charge", charge_card, order_id)

    return [charge_order]


# --8<-- [end:function]
