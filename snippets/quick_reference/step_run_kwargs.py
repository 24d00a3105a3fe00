# --8<-- [start:kwargs]
import functools

import inngest

from .client import client


async def greet(name: str, *, punctuation: str = "!") -> str:
    return f"Hello, {name}{punctuation}"


@client.create_function(
    fn_id="step-run-kwargs",
    trigger=inngest.TriggerEvent(event="qr/step-run.kwargs"),
)
async def step_run_kwargs(ctx: inngest.Context) -> str:
    bound = functools.partial(greet, "Ada", punctuation="?")  # (1)!
    return await ctx.step.run("greet", bound)


# --8<-- [end:kwargs]
