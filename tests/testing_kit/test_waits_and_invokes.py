"""Steps the server resolves itself: waits for events, invoked runs, sleeps,
and `on_failure` handlers."""

import datetime
import time

import inngest
import pytest

import inngest_kit as kit

client = inngest.Inngest(app_id="kit-flows")


@client.create_function(
    fn_id="child", trigger=inngest.TriggerEvent(event="kit/child"), retries=0
)
async def child(ctx: inngest.Context) -> int:
    if ctx.event.data.get("boom"):
        raise inngest.NonRetriableError("child failed")
    return int(str(ctx.event.data["n"])) * 2


@client.create_function(
    fn_id="parent", trigger=inngest.TriggerEvent(event="kit/parent")
)
async def parent(ctx: inngest.Context) -> object:
    doubled = await ctx.step.invoke("call-child", function=child, data={"n": 21})
    try:
        await ctx.step.invoke("call-failing", function=child, data={"boom": True})
    except inngest.StepError as err:
        failed = err.message
    await ctx.step.sleep("nap", datetime.timedelta(seconds=5))
    reply = await ctx.step.wait_for_event(
        "reply",
        event="kit/reply",
        if_exp="async.data.id == event.data.id",
        timeout=datetime.timedelta(hours=1),
    )
    both = await ctx.group.parallel(
        (
            lambda: ctx.step.run("a", _letter, "a"),
            lambda: ctx.step.run("b", _letter, "b"),
        )
    )
    return {
        "doubled": doubled,
        "failed": failed,
        "reply": reply and reply.data,
        "both": both,
    }


async def _letter(letter: str) -> str:
    return letter


def test_executor_follows_invoke_sleep_wait_and_parallel() -> None:
    executor = kit.serve_functions(client, [parent, child])
    event = inngest.Event(name="kit/parent", data={"id": 7})
    run = executor.run(
        parent,
        event,
        waits={
            "reply": [
                inngest.Event(name="kit/other", data={"id": 7}),
                inngest.Event(name="kit/reply", data={"id": 8}),
                inngest.Event(name="kit/reply", data={"id": 7, "ok": True}),
            ]
        },
    )
    assert run.completed, run
    assert run.output == {
        "doubled": 42,
        "failed": "child failed",
        "reply": {"id": 7, "ok": True},
        "both": ["a", "b"],
    }
    assert run.steps("StepPlanned") == ["a", "b"]
    assert [c.status for c in run.children] == ["Completed", "Failed"]
    timed_out = executor.run(parent, event, waits={"reply": []})
    assert timed_out.output["reply"] is None


def test_executor_asks_for_waits_it_was_not_given() -> None:
    executor = kit.serve_functions(client, [parent, child])
    with pytest.raises(kit.KitError, match=r"waits=\{'reply'"):
        executor.run(parent, inngest.Event(name="kit/parent", data={"id": 1}))


@client.create_function(fn_id="waits", trigger=inngest.TriggerEvent(event="kit/waits"))
async def waits_for_reply(ctx: inngest.Context) -> object:
    reply = await ctx.step.wait_for_event(
        "reply",
        event="kit/reply",
        if_exp="async.data.id == event.data.id",
        timeout=datetime.timedelta(hours=1),
    )
    return None if reply is None else {"name": reply.name, "data": reply.data}


def _wait_run(*arriving: inngest.Event, data: kit.Json = None) -> kit.Run:
    executor = kit.serve_functions(client, [waits_for_reply])
    started = inngest.Event(name="kit/waits", data=data or {"id": 7})
    return executor.run(waits_for_reply, started, waits={"reply": list(arriving)})


def test_only_an_event_with_the_awaited_name_resolves_a_wait() -> None:
    others = [  # the right id, other names: before and after it in order
        inngest.Event(name=name, data={"id": 7}) for name in ("kit/other", "kit/zzz")
    ]
    reply = inngest.Event(name="kit/reply", data={"id": 7, "ok": True})
    run = _wait_run(others[0], reply, others[1])
    assert run.output["name"] == "kit/reply"
    assert run.output["data"] == {"id": 7, "ok": True}


def test_the_first_matching_event_resolves_a_wait() -> None:
    # The testing-kit page: the first event with the awaited name whose
    # if_exp is true is the step's result, not a later one.
    first = inngest.Event(name="kit/reply", data={"id": 7, "n": 1})
    second = inngest.Event(name="kit/reply", data={"id": 7, "n": 2})
    assert _wait_run(first, second).output["data"]["n"] == 1
    assert _wait_run(second, first).output["data"]["n"] == 2


def test_a_wait_condition_on_a_field_the_event_lacks_does_not_match() -> None:
    # The server evaluates the missing field as unknown: no match, no error
    # (executor.go handlePausesAllNaively). The kit raised KeyError.
    no_id = inngest.Event(name="kit/reply", data={"ok": True})
    assert _wait_run(no_id).output is None
    later = inngest.Event(name="kit/reply", data={"id": 7, "ok": True})
    assert _wait_run(no_id, later).output["data"] == {"id": 7, "ok": True}


@client.create_function(
    fn_id="approvals", trigger=inngest.TriggerEvent(event="kit/approvals")
)
async def approvals(ctx: inngest.Context) -> list[str | None]:
    approvers: list[str | None] = []
    for _ in range(int(str(ctx.event.data["needed"]))):
        approved = await ctx.step.wait_for_event(
            "approval", event="kit/approved", timeout=datetime.timedelta(days=1)
        )
        approvers.append(None if approved is None else str(approved.data["by"]))
    return approvers


def _approvals(needed: int, *by: str) -> kit.Run:
    executor = kit.serve_functions(client, [approvals])
    arriving = [inngest.Event(name="kit/approved", data={"by": b}) for b in by]
    started = inngest.Event(name="kit/approvals", data={"needed": needed})
    return executor.run(approvals, started, waits={"approval": arriving})


def test_a_wait_id_used_twice_gets_each_event_once() -> None:
    # The server matches an event against the waits that exist when it
    # arrives (executor.go skips pauses created after the event): one approval
    # resolves the first wait only. The kit gave ["ann", "ann"].
    assert _approvals(2, "ann").output == ["ann", None]
    assert _approvals(2, "ann", "bob").output == ["ann", "bob"]
    assert _approvals(3, "ann", "bob").output == ["ann", "bob", None]
    run = _approvals(2, "ann", "bob")
    assert [o.id for o in run.ops] == ["approval", "approval:1"]


def test_a_wait_id_used_again_gets_only_the_events_after_the_last_match() -> None:
    # A second wait with the same id starts after the first was resolved:
    # events that came before (matching or not) are gone.
    executor = kit.serve_functions(client, [waits_in_turn])
    arriving = [
        inngest.Event(name="kit/reply", data={"id": 1, "n": 1}),
        inngest.Event(name="kit/reply", data={"id": 2, "n": 2}),
        inngest.Event(name="kit/reply", data={"id": 1, "n": 3}),
    ]
    started = inngest.Event(name="kit/in-turn", data={"ids": [2, 1]})
    run = executor.run(waits_in_turn, started, waits={"reply": arriving})
    assert run.output == [2, 3]
    started = inngest.Event(name="kit/in-turn", data={"ids": [1, 2]})
    run = executor.run(waits_in_turn, started, waits={"reply": arriving})
    assert run.output == [1, 2]
    started = inngest.Event(name="kit/in-turn", data={"ids": [2, 2]})
    run = executor.run(waits_in_turn, started, waits={"reply": arriving})
    assert run.output == [2, None]
    # A wait that timed out saw every listed event arrive: none is left.
    started = inngest.Event(name="kit/in-turn", data={"ids": [3, 1]})
    run = executor.run(waits_in_turn, started, waits={"reply": arriving})
    assert run.output == [None, None]


@client.create_function(
    fn_id="in-turn", trigger=inngest.TriggerEvent(event="kit/in-turn")
)
async def waits_in_turn(ctx: inngest.Context) -> list[object]:
    got: list[object] = []
    for wanted in ctx.event.data["ids"]:  # type: ignore[union-attr]
        reply = await ctx.step.wait_for_event(
            "reply",
            event="kit/reply",
            if_exp=f"async.data.id == {wanted}",
            timeout=datetime.timedelta(hours=1),
        )
        got.append(None if reply is None else reply.data["n"])
    return got


# --- Invoke ---------------------------------------------------------------------


@client.create_function(fn_id="asks", trigger=inngest.TriggerEvent(event="kit/asks"))
async def asks(ctx: inngest.Context) -> object:
    return await ctx.step.invoke(
        "ask-child",
        function=echo_child,
        data={"n": 1},
        timeout=datetime.timedelta(hours=2),
    )


@client.create_function(
    fn_id="echo-child", trigger=inngest.TriggerEvent(event="kit/echo-child")
)
async def echo_child(ctx: inngest.Context) -> object:
    return ctx.event.data


def test_an_invoked_run_gets_the_servers_metadata_in_its_data() -> None:
    before = time.time() * 1000
    run = kit.serve_functions(client, [asks, echo_child]).run(
        asks, inngest.Event(name="kit/asks")
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
        "tc",
        "expire",
        "gid",
        "name",
    }
    assert metadata["fn_id"] == "kit-flows-echo-child"
    assert metadata["source_fn_v"] == 1  # a function synced once: version 1
    assert metadata["name"] == "ask-child"
    assert (
        metadata["correlation_id"] == f"{run.run_id}.{kit.hashed_step_id('ask-child')}"
    )
    two_hours = 2 * 3_600_000
    assert before + two_hours <= metadata["expire"] <= before + two_hours + 60_000
    # The trace carrier (invoke.go `tc`): the span id and a W3C traceparent.
    carrier = metadata["tc"]
    assert set(carrier) == {"ctx", "ts"}
    span = carrier["ctx"]["sid"]
    assert len(span) == 16
    version, trace, parent_span, flags = carrier["ctx"]["traceparent"].split("-")
    assert (version, len(trace), parent_span, flags) == ("00", 32, span, "01")
    stamp = datetime.datetime.fromisoformat(carrier["ts"])
    assert before <= stamp.timestamp() * 1000 <= time.time() * 1000


@client.create_function(
    fn_id="asks-for-long", trigger=inngest.TriggerEvent(event="kit/asks-for-long")
)
async def asks_for_long(ctx: inngest.Context) -> object:
    timeout = ctx.event.data.get("timeout")
    return await ctx.step.invoke(
        "ask-child",
        function=echo_child,
        data={},
        timeout=None
        if timeout is None
        else datetime.timedelta(seconds=int(str(timeout))),
    )


@pytest.mark.parametrize(
    ("seconds", "ms"),
    [
        (None, 365 * 86_400_000),  # no timeout: a year
        (604_800, 604_800_000),
        (3 * 86_400, 3 * 86_400_000),
        (2 * 3_600, 2 * 3_600_000),
        (90 * 60, 90 * 60_000),
        (45, 45_000),
    ],
)
def test_an_invoke_expires_exactly_its_timeout_later(
    seconds: int | None, ms: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The SDK sends the timeout as "1w", "3d", "2h", "90m" or "45s".
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    run = kit.serve_functions(client, [asks_for_long, echo_child]).run(
        asks_for_long,
        inngest.Event(name="kit/asks-for-long", data={"timeout": seconds}),
    )
    assert run.output["_inngest"]["expire"] == 1_700_000_000_000 + ms


def test_an_invoke_runs_only_functions_the_executor_was_given() -> None:
    # The app serves echo_child, but the executor was not told: as for an id no
    # app serves (the conformance suite's scenario), the invoke fails at once
    # (the Executor's docstring says so).
    run = kit.serve_functions(client, [asks]).run(asks, inngest.Event(name="kit/asks"))
    assert run.status == "Failed"
    assert run.error["message"] == (
        "could not find function with ID: kit-flows-echo-child"
    )


# --- on_failure -----------------------------------------------------------------


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
