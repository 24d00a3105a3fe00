"""Function-level middleware: hooks that run around one function's executions."""

# --8<-- [start:middleware]
import inngest

from .client import client

finished_steps: list[str] = []  # stand-in for your metrics or audit log


class RecordFinishedSteps(inngest.Middleware):
    async def transform_output(self, result: inngest.TransformOutputResult) -> None:
        if result.step is not None:  # (1)!
            finished_steps.append(result.step.id)


async def resize(image_id: str, width: int) -> str:
    return f"{image_id}@{width}w"


@client.create_function(
    fn_id="make-thumbnails",
    trigger=inngest.TriggerEvent(event="media/image.uploaded"),
    middleware=[RecordFinishedSteps],  # (2)!
)
async def make_thumbnails(ctx: inngest.Context) -> list[str]:
    image_id = str(ctx.event.data["image_id"])
    small = await ctx.step.run("small", resize, image_id, 320)
    large = await ctx.step.run("large", resize, image_id, 1280)
    return [small, large]


# --8<-- [end:middleware]
