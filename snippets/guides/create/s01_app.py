"""Stage 1: an empty FastAPI app."""

# --8<-- [start:stage]
import fastapi

app = fastapi.FastAPI()
# --8<-- [end:stage]
