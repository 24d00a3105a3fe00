"""The server's queue as the kit models it: parallel branches, forced step
planning, where a retry goes, the stack of finished steps, runs left in flight."""

import datetime
import functools
from collections.abc import Awaitable

import fastapi
import inngest
import inngest.fast_api
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from tests.testing_kit.apps import Tap, scripted

client = inngest.Inngest(app_id="kit-queue")
seen: dict[str, list[int]] = {}


def _branch(ctx: inngest.Context, name: str, failures: int) -> Awaitable[str]:
    """A step that records `ctx.attempt` and fails its first `failures` calls."""

    async def body() -> str:
        seen.setdefault(name, []).append(ctx.attempt)
        if len(seen[name]) <= failures:
            raise RuntimeError(f"{name} down")
        return name

    return ctx.step.run(name, body)


@client.create_function(fn_id="fan-out", trigger=inngest.TriggerEvent(event="k/fan"))
async def fan_out(ctx: inngest.Context) -> object:
    failing = str(ctx.event.data.get("failing", "b"))
    failures = int(str(ctx.event.data.get("failures", 0)))
    return await ctx.group.parallel(
        tuple(
            functools.partial(_branch, ctx, n, failures if n == failing else 0)
            for n in str(ctx.event.data.get("branches", "ab"))
        )
    )


def _fan(failures: int, **data: str) -> kit.Run:
    seen.clear()
    event = inngest.Event(name="k/fan", data={"failures": failures, **data})
    return kit.serve_functions(client, [fan_out]).run(fan_out, event)


def test_a_parallel_branch_retries_with_its_own_attempt_number() -> None:
    run = _fan(failures=1)
    assert run.output == ["a", "b"]
    # The retry of b is b's second attempt (the kit used to send 0 again).
    assert seen == {"a": [0], "b": [0, 1]}
    assert [(o.op, o.step_id, o.attempt) for o in run.ops[2:]] == [
        ("StepRun", "a", 0),
        ("StepError", "b", 0),
        ("StepRun", "b", 1),
    ]


def test_a_retried_branch_goes_behind_the_other_queued_branches() -> None:
    # The server hands a failed step back to its queue with a backoff
    # (handleStepError): the branches already queued run before its retry.
    run = _fan(failures=1, failing="a", branches="abc")
    assert run.output == ["a", "b", "c"]
    assert [(o.op, o.step_id, o.attempt) for o in run.ops[3:]] == [
        ("StepError", "a", 0),
        ("StepRun", "b", 0),
        ("StepRun", "c", 0),
        ("StepRun", "a", 1),
    ]


def test_a_parallel_branch_that_always_fails_ends_the_run_failed() -> None:
    run = _fan(failures=99)
    # The kit used to give up with KitError after 200 requests.
    assert run.status == "Failed"
    assert seen["b"] == [0, 1, 2, 3, 4]  # the server default: 5 attempts
    assert run.ops[-1].op == "StepFailed"
    assert run.error["message"] == "b down"


async def _text(value: str) -> str:
    return value


@client.create_function(
    fn_id="after-group", trigger=inngest.TriggerEvent(event="k/after")
)
async def after_group(ctx: inngest.Context) -> object:
    await ctx.group.parallel(
        (lambda: ctx.step.run("x", _text, "x"), lambda: ctx.step.run("y", _text, "y"))
    )
    return await ctx.step.run("after", _text, "after")


def _tapped(
    fn: inngest.Function[object], headers: dict[str, str] | None = None
) -> tuple[kit.Executor, Tap]:
    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, client, [fn])
    tap = Tap(app, headers)
    return kit.Executor(TestClient(tap), [fn]), tap


def test_step_planning_is_no_longer_forced_after_a_parallel_group() -> None:
    executor, tap = _tapped(after_group)
    run = executor.run(after_group, inngest.Event(name="k/after"))
    # After the group the next step runs at once, as on the server (SDK request
    # version 2); the kit used to plan it first: one more request.
    assert [(o.op, o.step_id) for o in run.ops] == [
        ("StepPlanned", "x"),
        ("StepPlanned", "y"),
        ("StepRun", "x"),
        ("StepRun", "y"),
        ("StepRun", "after"),
    ]
    assert run.requests == 5
    forced = [b["ctx"]["disable_immediate_execution"] for b in tap.bodies]
    assert forced == [False, True, True, False, False]


@pytest.mark.parametrize("version", ["1", "-1"])
def test_step_planning_stays_forced_for_an_sdk_before_request_version_2(
    version: str,
) -> None:
    executor, tap = _tapped(after_group, {"x-inngest-req-version": version})
    run = executor.run(after_group, inngest.Event(name="k/after"))
    assert run.steps()[-2:] == ["after", "after"]  # planned, then run
    assert run.requests == 6
    forced = [b["ctx"]["disable_immediate_execution"] for b in tap.bodies]
    assert forced == [False, True, True, True, True, True]


def test_each_request_carries_the_stack_of_finished_steps() -> None:
    # Spec 5.4: ctx.stack.stack lists the finished steps' hashed ids in the
    # order the server stored them; Run.stack is the same list.
    executor, tap = _tapped(after_group)
    run = executor.run(after_group, inngest.Event(name="k/after"))
    x, y, after = (kit.hashed_step_id(s) for s in ("x", "y", "after"))
    assert run.stack == [x, y, after]
    assert list(run.memos) == [x, y, after]
    assert [b["ctx"]["stack"]["stack"] for b in tap.bodies] == [
        [],
        [],
        [x],
        [x, y],
        [x, y, after],
    ]
    assert [sorted(b["steps"]) for b in tap.bodies][-1] == sorted([x, y, after])


def test_a_planned_step_that_fails_is_named_without_asking_the_sdk() -> None:
    # The kit knows which step a planned request ran: no extra probe request,
    # so the function body ran once per request the run sent.
    calls_of_fan["n"] = _flaky_b.calls = 0
    run = kit.serve_functions(client, [fan]).run(fan, inngest.Event(name="kit/fan"))
    assert run.output == ["a", "b"]
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", "b")]
    assert calls_of_fan["n"] == run.requests


calls_of_fan = {"n": 0}


@client.create_function(fn_id="fan", trigger=inngest.TriggerEvent(event="kit/fan"))
async def fan(ctx: inngest.Context) -> object:
    calls_of_fan["n"] += 1
    return await ctx.group.parallel(
        (lambda: ctx.step.run("a", _text, "a"), lambda: ctx.step.run("b", _flaky_b))
    )


_flaky_b = kit.Flaky(1, "b", error=inngest.RetryAfterError("later", 1000))


def _planned(*ids: str) -> list[kit.Json]:
    return [{"op": "StepPlanned", "id": f"h-{i}", "displayName": i} for i in ids]


def _ran(step: str) -> list[kit.Json]:
    return [{"op": "StepRun", "id": f"h-{step}", "displayName": step, "data": step}]


def test_a_planned_step_already_queued_or_stored_is_not_queued_again() -> None:
    # The queue's job id for a planned step is `<run>-<step>-plan`: planning a
    # step twice queues it once; a stored step is not planned again.
    app = scripted(
        (206, _planned("a", "a", "b")),
        (206, _ran("a")),
        (206, _ran("b")),
        (206, _planned("a")),
        (200, "end"),
    )
    tap = Tap(app)
    executor = kit.Executor(TestClient(tap), [])
    with pytest.raises(kit.KitError, match="nothing left to call"):
        executor.run("kit-x", inngest.Event(name="kit/x"))
    # a once, b, then the call after the group, which plans a again: no more.
    assert [b["ctx"]["stack"]["stack"] for b in tap.bodies] == [
        [],
        [],
        ["h-a"],
        ["h-a", "h-b"],
    ]


@client.create_function(
    fn_id="echo-steps", trigger=inngest.TriggerEvent(event="kit/echo-steps")
)
async def echo_steps(ctx: inngest.Context) -> object:
    both = await ctx.group.parallel(
        (lambda: ctx.step.run("a", _text, "a"), lambda: ctx.step.run("b", _text, "b"))
    )
    return [*both, await ctx.step.run("c", _text, "c")]


def test_a_run_can_stop_after_a_step_run_but_not_at_its_plan() -> None:
    paused = kit.serve_functions(client, [echo_steps]).run(
        echo_steps, inngest.Event(name="kit/echo-steps"), stop_after="b"
    )
    assert paused.status == "Running"
    assert [(o.op, o.step_id) for o in paused.ops] == [
        ("StepPlanned", "a"),
        ("StepPlanned", "b"),
        ("StepRun", "a"),
        ("StepRun", "b"),
    ]


@client.create_function(
    fn_id="z-then-a", trigger=inngest.TriggerEvent(event="kit/z-then-a")
)
async def z_then_a(ctx: inngest.Context) -> object:
    return [await ctx.step.run(name, _text, name) for name in ("z", "a", "b")]


def test_a_run_stops_after_the_step_named_not_one_that_sorts_after_it() -> None:
    paused = kit.serve_functions(client, [z_then_a]).run(
        z_then_a, inngest.Event(name="kit/z-then-a"), stop_after="a"
    )
    assert paused.status == "Running"
    assert [(o.op, o.step_id) for o in paused.ops] == [
        ("StepRun", "z"),
        ("StepRun", "a"),
    ]


flaky_a = kit.Flaky(2, "a")


@client.create_function(
    fn_id="flaky-then-b", trigger=inngest.TriggerEvent(event="kit/flaky-then-b")
)
async def flaky_then_b(ctx: inngest.Context) -> object:
    return [await ctx.step.run("a", flaky_a), await ctx.step.run("b", _text, "b")]


def test_a_run_stops_after_a_steps_result_not_a_failed_attempt() -> None:
    flaky_a.calls = 0
    paused = kit.serve_functions(client, [flaky_then_b]).run(
        flaky_then_b, inngest.Event(name="kit/flaky-then-b"), stop_after="a"
    )
    assert paused.status == "Running"
    assert [(o.op, o.step_id) for o in paused.ops] == [
        ("StepError", "a"),
        ("StepError", "a"),
        ("StepRun", "a"),
    ]
    assert paused.memos == {kit.hashed_step_id("a"): {"data": "a"}}


@client.create_function(fn_id="two", trigger=inngest.TriggerEvent(event="kit/two"))
async def two(ctx: inngest.Context) -> str:
    await ctx.step.sleep("nap", datetime.timedelta(hours=1))
    return await ctx.step.run("after", _text, "done")


def test_a_run_can_stop_in_flight_and_resume() -> None:
    executor = kit.serve_functions(client, [two])
    event = inngest.Event(name="kit/two")
    paused = executor.run(two, event, stop_after="nap")
    assert (paused.status, paused.steps()) == ("Running", ["nap"])
    assert list(paused.memos) == [kit.hashed_step_id("nap")]
    assert paused.stack == [kit.hashed_step_id("nap")]
    resumed = executor.run(two, event, resume=paused)
    assert (resumed.output, resumed.steps()) == ("done", ["after"])
    assert resumed.run_id == paused.run_id
    assert resumed.stack == [kit.hashed_step_id(s) for s in ("nap", "after")]


@client.create_function(fn_id="race", trigger=inngest.TriggerEvent(event="k/race"))
async def race(ctx: inngest.Context) -> object:
    async def two_steps() -> str:
        first = await ctx.step.run("b1", _text, "b1")
        return await ctx.step.run("b2", _text, first + "b2")

    both = await ctx.group.parallel(
        (lambda: ctx.step.run("a", _text, "a"), two_steps),
        parallel_mode=inngest.ParallelMode.RACE,
    )
    return [list(both), await ctx.step.run("after", _text, "after")]


def test_a_racing_group_calls_the_function_after_each_finished_branch() -> None:
    run = kit.serve_functions(client, [race]).run(race, inngest.Event(name="k/race"))
    assert run.output == [["a", "b1b2"], "after"]
    # Each finished branch queues a call of the function (shouldEnqueueDiscovery):
    # both calls plan b2, which is queued once; the group's end lets "after" run
    # at once.
    assert [(o.op, o.step_id) for o in run.ops] == [
        ("StepPlanned", "a"),
        ("StepPlanned", "b1"),
        ("StepRun", "a"),
        ("StepRun", "b1"),
        ("StepPlanned", "b2"),
        ("StepPlanned", "b2"),
        ("StepRun", "b2"),
        ("StepRun", "after"),
    ]
