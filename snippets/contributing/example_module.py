# --8<-- [start:snippet]
import inngest

client = inngest.Inngest(app_id="contributing")  # (1)!


@client.create_function(
    fn_id="contributing-example",
    trigger=inngest.TriggerEvent(event="docs/example.requested"),
)
async def example(ctx: inngest.Context) -> str:
    return await ctx.step.run("say-hello", say_hello)  # (2)!


async def say_hello() -> str:
    return "hello"


# --8<-- [end:snippet]
