"""Logging from a function (`ctx.logger`) and from middleware (every request)."""

# --8<-- [start:logger]
import logging

import inngest

from .app import client


async def charge(order_id: str) -> str:
    return f"charged {order_id}"


@client.create_function(
    fn_id="log-order",
    trigger=inngest.TriggerEvent(event="debug/log-order"),
)
async def log_order(ctx: inngest.Context) -> str:
    order_id = str(ctx.event.data["order_id"])
    ctx.logger.info("processing order %s", order_id)  # (1)!
    receipt = await ctx.step.run("charge", charge, order_id)
    ctx.logger.info("charged order %s", order_id)
    return receipt


# --8<-- [end:logger]


# --8<-- [start:middleware]
request_log = logging.getLogger("shop.inngest")


class RequestLogging(inngest.Middleware):
    """Logs each request the Inngest server makes, and what it produced."""

    async def before_execution(self) -> None:
        request_log.info("inngest request: running new code")  # (1)!

    async def transform_output(self, result: inngest.TransformOutputResult) -> None:
        where = f"step {result.step.id}" if result.step else "function"
        request_log.info("inngest request: %s returned %r", where, result.output)


logged_client = inngest.Inngest(app_id="debug-logging", middleware=[RequestLogging])


@logged_client.create_function(
    fn_id="two-steps",
    trigger=inngest.TriggerEvent(event="debug/two-steps"),
)
async def two_steps(ctx: inngest.Context) -> str:
    first = await ctx.step.run("first", charge, "o-1")
    return await ctx.step.run("second", charge, first)


# --8<-- [end:middleware]
