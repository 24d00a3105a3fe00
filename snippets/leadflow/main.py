"""The FastAPI app: `uvicorn snippets.leadflow.main:app`."""

# --8<-- [start:main]
import fastapi
import inngest.fast_api

from . import registry, webhooks
from .client import client

app = fastapi.FastAPI(title="leadflow")
app.include_router(webhooks.router)
inngest.fast_api.serve(app, client, registry.functions)  # (1)!
# --8<-- [end:main]
