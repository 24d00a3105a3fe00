"""Production configuration: keys from the environment, the URL Inngest calls."""

# --8<-- [start:app]
import os
from typing import Any

import fastapi
import inngest
import inngest.fast_api


def create_client() -> inngest.Inngest:
    return inngest.Inngest(
        app_id="shop",  # (1)!
        app_version=os.environ.get("GIT_SHA"),  # (2)!
    )


async def pack(order_id: str) -> str:
    return f"parcel for {order_id}"


async def hand_over(parcel: str) -> str:
    return f"{parcel} handed over"


def shop_functions(client: inngest.Inngest) -> list[inngest.Function[Any]]:
    @client.create_function(
        fn_id="ship-order",
        trigger=inngest.TriggerEvent(event="shop/order.paid"),
    )
    async def ship_order(ctx: inngest.Context) -> str:
        order_id = str(ctx.event.data["order_id"])
        parcel = await ctx.step.run("pack", pack, order_id)
        return await ctx.step.run("hand-over", hand_over, parcel)

    return [ship_order]


def create_app(client: inngest.Inngest) -> fastapi.FastAPI:
    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, client, shop_functions(client))  # (3)!
    return app


# --8<-- [end:app]


# --8<-- [start:behind-proxy]
def create_app_behind_proxy(client: inngest.Inngest) -> fastapi.FastAPI:
    app = fastapi.FastAPI()
    inngest.fast_api.serve(
        app,
        client,
        shop_functions(client),
        serve_origin="https://shop.example.com",  # (1)!
        public_path="/orders/api/inngest",  # (2)!
    )
    return app


# --8<-- [end:behind-proxy]
