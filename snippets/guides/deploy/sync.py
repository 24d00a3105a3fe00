"""Syncing: the PUT, and an endpoint that only Inngest may sync."""

# --8<-- [start:hardened]
import fastapi
import inngest
import inngest.fast_api

from .config import shop_functions


def create_hardened_app(client: inngest.Inngest) -> fastapi.FastAPI:
    app = fastapi.FastAPI()
    inngest.fast_api.serve(
        app,
        client,
        shop_functions(client),
        enable_unauthed_sync=False,  # (1)!
    )
    return app


# --8<-- [end:hardened]
