import datetime

import inngest

import inngest_kit as kit
from snippets.guides.improve import middleware
from snippets.guides.improve.client import client


def test_function_middleware_sees_each_finished_step() -> None:
    middleware.finished_steps.clear()
    run = kit.serve_functions(client, [middleware.make_thumbnails]).run(
        middleware.make_thumbnails,
        inngest.Event(name="media/image.uploaded", data={"image_id": "img-1"}),
    )
    assert run.output == ["img-1@320w", "img-1@1280w"]
    # Called once per new step, and with no step for the final return value.
    assert middleware.finished_steps == ["small", "large"]


SEEN: list[tuple[str, str] | None] = []  # what transform_output was called with


class _SeenByTransformOutput(inngest.Middleware):
    async def transform_output(self, result: inngest.TransformOutputResult) -> None:
        step = result.step
        SEEN.append(None if step is None else (step.id, step.op.value))


async def _noop() -> str:
    return "done"


@client.create_function(
    fn_id="middleware-parallel-then-sleep",
    trigger=inngest.TriggerEvent(event="test/middleware.parallel"),
    middleware=[_SeenByTransformOutput],
)
async def _parallel_then_sleep(ctx: inngest.Context) -> str:
    await ctx.group.parallel(
        (
            lambda: ctx.step.run("p1", _noop),
            lambda: ctx.step.run("p2", _noop),
        )
    )
    await ctx.step.sleep("s", datetime.timedelta(seconds=1))
    return "ok"


def test_transform_output_skips_a_parallel_plan_and_sees_a_sleep() -> None:
    SEEN.clear()
    run = kit.serve_functions(client, [_parallel_then_sleep]).run(
        _parallel_then_sleep, inngest.Event(name="test/middleware.parallel")
    )
    assert run.completed
    # One request planned p1 and p2 together: the hook was not called for it.
    assert len(SEEN) == run.requests - 1
    # A sleep is reported with its step set, like a step's result.
    assert SEEN == [
        ("p1", "StepRun"),
        ("p2", "StepRun"),
        ("s", "Sleep"),
        None,
    ]
