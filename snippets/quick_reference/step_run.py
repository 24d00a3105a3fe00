import inngest

from .client import client


# --8<-- [start:basic]
async def add(a: int, b: int) -> int:
    return a + b


@client.create_function(
    fn_id="step-run-basic",
    trigger=inngest.TriggerEvent(event="qr/step-run.basic"),
)
async def step_run_basic(ctx: inngest.Context) -> int:
    total = await ctx.step.run("add", add, 2, 3)  # (1)!
    return await ctx.step.run("double", add, total, total)  # (2)!


# --8<-- [end:basic]
