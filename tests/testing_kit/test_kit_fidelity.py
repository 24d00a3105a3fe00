"""The kit behaves like the Inngest server where the two used to differ.

Each test failed on the kit before it modelled the server's queue (see the
comments in `inngest_kit.py` for the server source each follows).
"""

import datetime
import time
from collections.abc import Awaitable

import inngest
import pytest

import inngest_kit as kit

client = inngest.Inngest(app_id="kit-fidelity")
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
    failures = int(str(ctx.event.data.get("failures", 0)))
    return await ctx.group.parallel(
        (lambda: _branch(ctx, "a", 0), lambda: _branch(ctx, "b", failures))
    )


def _fan(failures: int) -> kit.Run:
    seen.clear()
    return kit.serve_functions(client, [fan_out]).run(
        fan_out, inngest.Event(name="k/fan", data={"failures": failures})
    )


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


def test_a_parallel_branch_that_always_fails_ends_the_run_failed() -> None:
    run = _fan(failures=99)
    # The kit used to give up with KitError after 200 requests.
    assert run.status == "Failed"
    assert seen["b"] == [0, 1, 2, 3, 4]  # the server default: 5 attempts
    assert run.ops[-1].op == "StepFailed"
    assert run.error["message"] == "b down"


@client.create_function(
    fn_id="after-group", trigger=inngest.TriggerEvent(event="k/after")
)
async def after_group(ctx: inngest.Context) -> object:
    await _fan_pair(ctx)
    return await ctx.step.run("after", _text, "after")


async def _fan_pair(ctx: inngest.Context) -> object:
    return await ctx.group.parallel(
        (lambda: ctx.step.run("x", _text, "x"), lambda: ctx.step.run("y", _text, "y"))
    )


async def _text(value: str) -> str:
    return value


def test_step_planning_is_no_longer_forced_after_a_parallel_group() -> None:
    run = kit.serve_functions(client, [after_group]).run(
        after_group, inngest.Event(name="k/after")
    )
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


def test_step_planning_stays_forced_for_an_sdk_without_request_version_2() -> None:
    executor = kit.serve_functions(client, [after_group])
    post = executor.post

    def old_sdk(*args: object, **kwargs: object) -> object:
        status, headers, body = post(*args, **kwargs)  # type: ignore[arg-type]
        return status, {**headers, "x-inngest-req-version": "1"}, body

    executor.post = old_sdk  # type: ignore[method-assign,assignment]
    run = executor.run(after_group, inngest.Event(name="k/after"))
    assert run.steps()[-2:] == ["after", "after"]  # planned, then run
    assert run.requests == 6


handler_calls: list[int] = []


async def _failing_handler(ctx: inngest.Context) -> None:
    handler_calls.append(ctx.attempt)
    raise RuntimeError("the pager is down too")


@client.create_function(
    fn_id="with-handler",
    trigger=inngest.TriggerEvent(event="k/handled"),
    retries=2,
    on_failure=_failing_handler,
)
async def with_handler(ctx: inngest.Context) -> None:
    raise inngest.NonRetriableError("main failed")


def test_a_failing_on_failure_handler_runs_once() -> None:
    handler_calls.clear()
    executor = kit.serve_functions(client, [with_handler])
    assert with_handler.on_failure_fn_id is not None
    run = executor.run(
        with_handler.on_failure_fn_id, inngest.Event(name="inngest/function.failed")
    )
    # Synced with 0 retries; the kit used to use the server default (5 calls).
    assert (run.status, run.requests, handler_calls) == ("Failed", 1, [0])


@client.create_function(fn_id="child", trigger=inngest.TriggerEvent(event="k/child"))
async def child(ctx: inngest.Context) -> object:
    return ctx.event.data


@client.create_function(fn_id="parent", trigger=inngest.TriggerEvent(event="k/parent"))
async def parent(ctx: inngest.Context) -> object:
    return await ctx.step.invoke(
        "ask-child",
        function=child,
        data={"n": 1},
        timeout=datetime.timedelta(hours=2),
    )


def test_an_invoked_run_gets_the_servers_metadata_in_its_data() -> None:
    before = time.time() * 1000
    run = kit.serve_functions(client, [parent, child]).run(
        parent, inngest.Event(name="k/parent")
    )
    [invoked] = run.children
    assert invoked.event["name"] == "inngest/function.invoked"
    received = run.output
    assert received["n"] == 1
    metadata = received["_inngest"]
    assert set(metadata) == {
        "source_app_id",
        "source_fn_id",
        "source_fn_v",
        "fn_id",
        "correlation_id",
        "expire",
        "gid",
        "name",
    }
    assert metadata["fn_id"] == "kit-fidelity-child"
    assert metadata["source_fn_v"] == 1  # a function synced once: version 1
    assert metadata["name"] == "ask-child"
    assert metadata["correlation_id"].endswith("." + kit.hashed_step_id("ask-child"))
    two_hours = 2 * 3_600_000
    assert before + two_hours <= metadata["expire"] <= before + two_hours + 60_000


def test_an_invoke_without_a_timeout_expires_in_a_year() -> None:
    year = 365 * 86_400_000
    now = int(time.time() * 1000)
    assert now + year <= kit._expires_at(None) <= now + year + 60_000
    assert kit._expires_at("3d") - kit._expires_at("1w") < 0


limited: list[str] = []


@client.create_function(
    fn_id="rate-limited", trigger=inngest.TriggerEvent(event="k/limited"), retries=3
)
async def rate_limited(ctx: inngest.Context) -> str:
    async def call() -> str:
        limited.append("call")
        if len(limited) < 3:
            raise inngest.RetryAfterError("429", datetime.timedelta(seconds=5))
        return "ok"

    await ctx.step.run("prepare", _text, "p")
    if ctx.event.data.get("refuse"):
        await ctx.step.run("refuse", _refuse)
    return await ctx.step.run("call", call)


async def _refuse() -> None:
    raise inngest.NonRetriableError("refused")


def test_attempts_count_retry_after_and_non_retriable_errors_in_a_step() -> None:
    limited.clear()
    executor = kit.serve_functions(client, [rate_limited])
    run = executor.run(rate_limited, inngest.Event(name="k/limited"))
    assert run.output == "ok"
    # The SDK moves these errors to the function level: no step op. The kit used
    # to count 1 attempt here, and 0 for the NonRetriableError below.
    assert (run.attempts("call"), len(limited)) == (3, 3)
    assert run.attempts("prepare") == 1
    assert [(e.step_id, e.attempt) for e in run.errors] == [("call", 0), ("call", 1)]
    refused = executor.run(
        rate_limited, inngest.Event(name="k/limited", data={"refuse": True})
    )
    assert (refused.status, refused.attempts("refuse")) == ("Failed", 1)


def test_a_run_that_succeeds_after_a_retry_carries_no_error() -> None:
    limited.clear()
    run = kit.serve_functions(client, [rate_limited]).run(
        rate_limited, inngest.Event(name="k/limited")
    )
    assert run.completed
    assert run.error is None  # the kit used to keep the RetryAfterError


@client.create_function(
    fn_id="outside", trigger=inngest.TriggerEvent(event="k/outside"), retries=1
)
async def outside(ctx: inngest.Context) -> None:
    await ctx.step.run("fine", _text, "f")
    raise inngest.RetryAfterError("not in a step", datetime.timedelta(seconds=1))


def test_errors_from_outside_steps_count_for_no_step() -> None:
    run = kit.serve_functions(client, [outside]).run(
        outside, inngest.Event(name="k/outside")
    )
    assert run.status == "Failed"
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", "")] * 2
    assert run.attempts("fine") == 1


retried_then_failed: dict[str, list[int]] = {}


@client.create_function(
    fn_id="one-then-other", trigger=inngest.TriggerEvent(event="k/two"), retries=2
)
async def one_then_other(ctx: inngest.Context) -> str:
    async def first() -> str:
        retried_then_failed.setdefault("first", []).append(ctx.attempt)
        if len(retried_then_failed["first"]) == 1:
            raise RuntimeError("first fails once")
        return "first"

    async def second() -> str:
        retried_then_failed.setdefault("second", []).append(ctx.attempt)
        raise RuntimeError("second always fails")

    await ctx.step.run("first", first)
    try:
        return await ctx.step.run("second", second)
    except inngest.StepError:
        return "second gave up"


def test_each_step_starts_again_at_attempt_zero() -> None:
    retried_then_failed.clear()
    run = kit.serve_functions(client, [one_then_other]).run(
        one_then_other, inngest.Event(name="k/two")
    )
    assert run.output == "second gave up"
    # first used 2 of its 3 attempts; second still gets all 3 of its own.
    assert retried_then_failed == {"first": [0, 1], "second": [0, 1, 2]}
    assert [(o.op, o.step_id, o.attempt) for o in run.ops] == [
        ("StepError", "first", 0),
        ("StepRun", "first", 1),
        ("StepError", "second", 0),
        ("StepError", "second", 1),
        ("StepFailed", "second", 2),
    ]


def test_the_server_default_is_four_retries() -> None:
    assert kit.SERVER_DEFAULT_RETRIES == 4  # DefaultRetryCount in pkg/consts
    executor = kit.serve_functions(client, [fan_out])
    assert executor._max_attempts[fan_out.id] == 5


def test_a_run_with_nothing_left_to_call_is_reported() -> None:
    executor = kit.serve_functions(client, [child])

    def silent(*args: object, **kwargs: object) -> object:
        return 206, {}, []

    executor.post = silent  # type: ignore[method-assign,assignment]
    with pytest.raises(kit.KitError, match="nothing left to call"):
        executor.run(child, inngest.Event(name="k/child"))


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


def test_a_step_error_the_kit_cannot_place_counts_for_no_step() -> None:
    # The function no longer reaches one planned step when asked again (here:
    # it crashes): the failed request is recorded with no step.
    executor = kit.serve_functions(client, [child])

    def crashes(*args: object, **kwargs: object) -> object:
        return 500, {}, {"name": "RuntimeError"}

    executor.post = crashes  # type: ignore[method-assign,assignment]
    body = kit.request_body(inngest.Event(name="k/child"))
    assert executor._step_behind(child.id, body) == ""
