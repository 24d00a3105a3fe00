"""The FastAPI app: `uvicorn snippets.leadflow.main:app`."""

# --8<-- [start:main]
import fastapi
import inngest.fast_api

from snippets.leadflow import registry, webhooks
from snippets.leadflow.client import client

app = fastapi.FastAPI(title="leadflow")
app.include_router(webhooks.router)
inngest.fast_api.serve(app, client, registry.functions)  # (1)!
# --8<-- [end:main]
