"""Stage 3: a first function, started by an event."""

import inngest

from .s02_client import client


# --8<-- [start:stage]
@client.create_function(
    fn_id="say-hello",  # (1)!
    trigger=inngest.TriggerEvent(event="app/hello.requested"),  # (2)!
)
async def say_hello(ctx: inngest.Context) -> str:  # (3)!
    name = ctx.event.data.get("name", "world")
    return f"Hello, {name}!"


# --8<-- [end:stage]
