import functools

import inngest

from snippets.quick_reference.client import client


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


# --8<-- [start:kwargs]
async def greet(name: str, *, punctuation: str = "!") -> str:
    return f"Hello, {name}{punctuation}"


@client.create_function(
    fn_id="step-run-kwargs",
    trigger=inngest.TriggerEvent(event="qr/step-run.kwargs"),
)
async def step_run_kwargs(ctx: inngest.Context) -> str:
    # step.run forwards positional arguments only: bind keywords first.
    return await ctx.step.run("greet", functools.partial(greet, "Ada", punctuation="?"))


# --8<-- [end:kwargs]
