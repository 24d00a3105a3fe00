# --8<-- [start:snippet]
import inngest

from snippets.quick_reference.client import client


@client.create_function(
    fn_id="contributing-example",
    trigger=inngest.TriggerEvent(event="docs/example.requested"),
)
async def example(ctx: inngest.Context) -> str:
    return await ctx.step.run("say-hello", say_hello)  # (1)!


async def say_hello() -> str:
    return "hello"


# --8<-- [end:snippet]
