"""Running the app: streaming, sync functions and the thread pool, blocking I/O."""

import asyncio
import time
from typing import Any

# --8<-- [start:streaming]
import fastapi
import inngest
import inngest.fast_api


def create_streaming_app(
    client: inngest.Inngest, functions: list[inngest.Function[Any]]
) -> fastapi.FastAPI:
    app = fastapi.FastAPI()
    inngest.fast_api.serve(
        app,
        client,
        functions,
        streaming=inngest.Streaming.FORCE,  # (1)!
    )
    return app


# --8<-- [end:streaming]


def read_label_printer(order_id: str) -> str:
    """Stands in for a blocking client call (a SDK without async, a driver)."""
    time.sleep(0.3)
    return f"label for {order_id}"


# --8<-- [start:sync-function]
def sync_functions(client: inngest.Inngest) -> list[inngest.Function[Any]]:
    @client.create_function(
        fn_id="print-label",
        trigger=inngest.TriggerEvent(event="shop/order.packed"),
    )
    def print_label(ctx: inngest.ContextSync) -> str:  # (1)!
        order_id = str(ctx.event.data["order_id"])
        return ctx.step.run("print", read_label_printer, order_id)  # (2)!

    return [print_label]


# --8<-- [end:sync-function]


# --8<-- [start:blocking]
def async_functions(client: inngest.Inngest) -> list[inngest.Function[Any]]:
    @client.create_function(
        fn_id="print-label-blocking",
        trigger=inngest.TriggerEvent(event="shop/order.packed"),
    )
    async def print_label_blocking(ctx: inngest.Context) -> str:
        order_id = str(ctx.event.data["order_id"])

        async def print_now() -> str:
            return read_label_printer(order_id)  # (1)!

        return await ctx.step.run("print", print_now)

    @client.create_function(
        fn_id="print-label-threaded",
        trigger=inngest.TriggerEvent(event="shop/order.packed"),
    )
    async def print_label_threaded(ctx: inngest.Context) -> str:
        order_id = str(ctx.event.data["order_id"])

        async def print_in_thread() -> str:
            return await asyncio.to_thread(read_label_printer, order_id)  # (2)!

        return await ctx.step.run("print", print_in_thread)

    return [print_label_blocking, print_label_threaded]


# --8<-- [end:blocking]
