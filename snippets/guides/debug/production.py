"""A production app: every key comes from the environment, none from the code."""

# --8<-- [start:create-app]
import fastapi
import inngest
import inngest.fast_api


def create_app() -> tuple[fastapi.FastAPI, inngest.Inngest]:
    # Reads INNGEST_SIGNING_KEY, INNGEST_SIGNING_KEY_FALLBACK and
    # INNGEST_EVENT_KEY (or INNGEST_DEV=1 on a laptop). No key in the code.
    client = inngest.Inngest(app_id="shop")

    @client.create_function(
        fn_id="ship-order",
        trigger=inngest.TriggerEvent(event="shop/order.paid"),
    )
    async def ship_order(ctx: inngest.Context) -> str:
        return f"shipping {ctx.event.data['order_id']}"

    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, client, [ship_order])  # (1)!
    return app, client


# --8<-- [end:create-app]
