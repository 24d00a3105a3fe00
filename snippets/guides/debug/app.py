"""The smallest app the Dev Server can find: one client, one function, one serve()."""

# --8<-- [start:app]
import fastapi
import inngest
import inngest.fast_api

# INNGEST_DEV=1 in the environment puts the client in Dev Server mode.
client = inngest.Inngest(app_id="debug-guide")


@client.create_function(
    fn_id="hello",
    trigger=inngest.TriggerEvent(event="debug/hello"),
)
async def hello(ctx: inngest.Context) -> str:
    return f"Hello, {ctx.event.data.get('name', 'world')}"


app = fastapi.FastAPI()
inngest.fast_api.serve(app, client, [hello])  # (1)!
# --8<-- [end:app]
