"""Conformance suite: one scenario per row of the fidelity table on the testing-kit page.

Each scenario runs through the kit (the app's real serve endpoint) and asserts
what the Inngest server does, citing where that is written down: the SDK spec
(`docs/SDK_SPEC.md` in inngest/inngest, section numbers below) or the server's
Go source. Where `inngest.experimental.mocked` models the same thing, the
scenario also runs there: the test asserts that both agree, or names which of
the two follows the server and why.
"""

import datetime
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import inngest
import pytest
from inngest.experimental import mocked

import inngest_kit as kit

client = inngest.Inngest(app_id="conformance")
mock_client = mocked.Inngest(app_id="conformance", is_production=False)
Handler = Callable[[inngest.Context], Awaitable[Any]]
calls: dict[str, list[int]] = {}
PAGE = Path(__file__).resolve().parents[2] / "docs" / "testing-kit.md"


@pytest.fixture(autouse=True)
def _fresh_calls() -> Iterator[None]:
    calls.clear()
    yield
    calls.clear()


def both(
    fn_id: str, handler: Handler, **options: Any
) -> tuple[inngest.Function[Any], inngest.Function[Any]]:
    """The same handler registered on the real client and on mocked's client."""
    trigger = inngest.TriggerEvent(event=f"conf/{fn_id}")
    real = client.create_function(fn_id=fn_id, trigger=trigger, **options)(handler)
    fake = mock_client.create_function(fn_id=fn_id, trigger=trigger, **options)(handler)
    return real, fake


def kit_run(
    fn: inngest.Function[Any], *extra: inngest.Function[Any], **kw: Any
) -> kit.Run:
    event = inngest.Event(name=f"conf/{fn.local_id}", data=kw.pop("data", {}))
    return kit.serve_functions(client, [fn, *extra]).run(fn, event, **kw)


def mocked_run(fn: inngest.Function[Any], **stubs: object) -> Any:
    calls.clear()
    with kit.event_loop():
        return mocked.trigger(
            fn, inngest.Event(name=f"conf/{fn.local_id}"), mock_client, step_stubs=stubs
        )


def body(name: str, failures: int = 0, error: Exception | None = None) -> Any:
    """A step body that records `ctx.attempt` under `name` and fails its first calls."""

    def make(ctx: inngest.Context) -> Callable[[], Awaitable[str]]:
        async def run() -> str:
            calls.setdefault(name, []).append(ctx.attempt)
            if len(calls[name]) <= failures:
                raise error or RuntimeError(f"{name} failed")
            return name

        return run

    return make


# --- Sequential steps ---------------------------------------------------------


async def _sequential(ctx: inngest.Context) -> list[str]:
    first = await ctx.step.run("first", body("first")(ctx))
    return [first, await ctx.step.run("second", body("second")(ctx))]


SEQUENTIAL = both("sequential", _sequential)


def test_sequential_steps() -> None:
    # Spec 5: one request per new step, then 200 with the return value.
    run = kit_run(SEQUENTIAL[0])
    assert (run.output, run.requests, run.steps()) == (
        ["first", "second"],
        3,
        ["first", "second"],
    )
    assert calls == {"first": [0], "second": [0]}
    result = mocked_run(SEQUENTIAL[1])
    assert (result.status, list(result.output)) == (mocked.Status.COMPLETED, run.output)


# --- Retries ------------------------------------------------------------------


async def _retry_then_success(ctx: inngest.Context) -> str:
    return await ctx.step.run("flaky", body("flaky", failures=2)(ctx))


RETRY_THEN_SUCCESS = both("retry-then-success", _retry_then_success)


def test_retry_then_success() -> None:
    # Spec 5.3.1 StepError; executor.go handleStepError: the same queue item
    # again with the next attempt number.
    run = kit_run(RETRY_THEN_SUCCESS[0])
    assert run.output == "flaky"
    assert calls["flaky"] == [0, 1, 2]
    assert [o.op for o in run.ops] == ["StepError", "StepError", "StepRun"]
    result = mocked_run(RETRY_THEN_SUCCESS[1])
    assert result.output == run.output
    assert calls["flaky"] == [0, 1, 2]  # agree


async def _exhausted(ctx: inngest.Context) -> str:
    return await ctx.step.run("down", body("down", failures=99)(ctx))


EXHAUSTED = both("retries-exhausted", _exhausted)


def test_retries_exhausted() -> None:
    # pkg/consts/consts.go DefaultRetryCount = 4: 5 attempts; then the run
    # fails with the step's own error (handleStepFailed, spec 5.2.2).
    run = kit_run(EXHAUSTED[0])
    assert run.status == "Failed"
    assert calls["down"] == [0, 1, 2, 3, 4]
    assert run.error["message"] == "down failed"
    result = mocked_run(EXHAUSTED[1])
    assert result.status is mocked.Status.FAILED
    assert (calls["down"], str(result.error)) == ([0, 1, 2, 3, 4], "down failed")


async def _two_steps_retrying(ctx: inngest.Context) -> list[str]:
    first = await ctx.step.run("first", body("first", failures=1)(ctx))
    return [first, await ctx.step.run("second", body("second", failures=99)(ctx))]


TWO_RETRYING = both("two-steps-retrying", _two_steps_retrying)


def test_retries_after_another_steps_retries() -> None:
    # Every step is its own queue item, starting at attempt 0 (executor.go
    # builds each queue.Item with Attempt: 0): the second step gets all 5
    # attempts, whatever the first used.
    run = kit_run(TWO_RETRYING[0])
    assert run.status == "Failed"
    assert calls == {"first": [0, 1], "second": [0, 1, 2, 3, 4]}
    # mocked differs: one attempt counter for the whole run, so the second
    # step starts at attempt 1 and gets 4. The kit follows the server.
    result = mocked_run(TWO_RETRYING[1])
    assert result.status is mocked.Status.FAILED
    assert calls == {"first": [0, 1], "second": [1, 2, 3, 4]}


async def _caught(ctx: inngest.Context) -> str:
    try:
        return await ctx.step.run("down", body("down", failures=99)(ctx))
    except inngest.StepError as err:
        return f"caught {err.name}"


CAUGHT = both("caught-step-error", _caught, retries=1)


def test_caught_step_error() -> None:
    # Spec 5.2.2: the server stores the step's final error and calls the
    # function again; the SDK raises it as StepError, which the code may catch.
    run = kit_run(CAUGHT[0])
    assert (run.output, calls["down"]) == ("caught RuntimeError", [0, 1])
    # mocked differs: it ends the run at the last failed attempt and never
    # gives the function its StepError. The kit follows the server.
    result = mocked_run(CAUGHT[1])
    assert (result.status, result.output) == (mocked.Status.FAILED, None)


# --- Errors -------------------------------------------------------------------


async def _refuse_in_function(ctx: inngest.Context) -> None:
    calls.setdefault("function", []).append(ctx.attempt)
    raise inngest.NonRetriableError("bad input")


NON_RETRIABLE_FN = both("non-retriable-function", _refuse_in_function)


def test_non_retriable_error_in_the_function() -> None:
    # Spec 4.4.3: X-Inngest-No-Retry: true, so the server does not retry.
    run = kit_run(NON_RETRIABLE_FN[0])
    assert (run.status, run.requests, calls["function"]) == ("Failed", 1, [0])
    assert run.last_headers["x-inngest-no-retry"] == "true"
    # mocked differs: it retries until the attempts run out. The kit follows
    # the server, which honours the header.
    result = mocked_run(NON_RETRIABLE_FN[1])
    assert (result.status, len(calls["function"])) == (mocked.Status.FAILED, 5)


async def _refuse_in_step(ctx: inngest.Context) -> str:
    error = inngest.NonRetriableError("card declined")
    return await ctx.step.run("charge", body("charge", 99, error)(ctx))


NON_RETRIABLE_STEP = both("non-retriable-step", _refuse_in_step)


def test_non_retriable_error_in_a_step() -> None:
    # The SDK re-raises it out of step.run (step_lib/step_async.py): a failed
    # request with X-Inngest-No-Retry: true, so the run ends (spec 4.4.3).
    run = kit_run(NON_RETRIABLE_STEP[0])
    assert (run.status, calls["charge"], run.attempts("charge")) == ("Failed", [0], 1)
    # mocked differs: 5 attempts. The kit follows the server.
    result = mocked_run(NON_RETRIABLE_STEP[1])
    assert (result.status, len(calls["charge"])) == (mocked.Status.FAILED, 5)


async def _rate_limited(ctx: inngest.Context) -> str:
    error = inngest.RetryAfterError("429", datetime.timedelta(seconds=30))
    return await ctx.step.run("call", body("call", 2, error)(ctx))


RETRY_AFTER = both("retry-after", _rate_limited)


def test_retry_after_error() -> None:
    # Spec 4.4.3: a Retry-After header, and the request is retried then. The
    # kit retries at once (it does not wait), and so does mocked: they agree.
    run = kit_run(RETRY_AFTER[0])
    assert (run.output, calls["call"], run.attempts("call")) == ("call", [0, 1, 2], 3)
    assert [e.error["name"] for e in run.errors] == ["RetryAfterError"] * 2
    result = mocked_run(RETRY_AFTER[1])
    assert (result.output, calls["call"]) == ("call", [0, 1, 2])


# --- Sleep and wait -------------------------------------------------------------


async def _sleeps(ctx: inngest.Context) -> str:
    await ctx.step.sleep("nap", datetime.timedelta(days=1))
    return "awake"


SLEEP = both("sleep", _sleeps)


def test_sleep() -> None:
    # Spec 5.3.2: the server stores null when the time has passed. Neither
    # the kit nor mocked waits: they agree.
    run = kit_run(SLEEP[0])
    assert (run.output, run.steps()) == ("awake", ["nap"])
    assert mocked_run(SLEEP[1]).output == "awake"


async def _waits(ctx: inngest.Context) -> object:
    reply = await ctx.step.wait_for_event(
        "reply",
        event="conf/reply",
        if_exp="async.data.id == event.data.id",
        timeout=datetime.timedelta(hours=1),
    )
    return None if reply is None else reply.data


WAIT = both("wait", _waits)
REPLY = inngest.Event(name="conf/reply", data={"id": 7, "ok": True})


def test_wait_matched() -> None:
    # Spec 5.3.3: the matching event itself is the step's result.
    run = kit_run(WAIT[0], data={"id": 7}, waits={"reply": [REPLY]})
    assert run.output == {"id": 7, "ok": True}
    # mocked returns whatever it is given, without evaluating `if`: given the
    # same event, they agree.
    assert mocked_run(WAIT[1], reply=REPLY).output == run.output


def test_wait_timed_out() -> None:
    # Spec 5.3.3: null after the timeout.
    run = kit_run(WAIT[0], data={"id": 7}, waits={"reply": []})
    assert run.output is None
    assert mocked_run(WAIT[1], reply=mocked.Timeout).output is None  # agree


def test_wait_not_matching() -> None:
    # Spec 5.3.3: `if` is evaluated with `event` (this run's) and `async` (the
    # arriving one); an event for id 8 does not resume the run waiting for 7.
    run = kit_run(
        WAIT[0],
        data={"id": 7},
        waits={"reply": [REPLY.model_copy(update={"data": {"id": 8}})]},
    )
    assert run.output is None
    # mocked cannot model it: it never evaluates `if`, the stub is the result.
    # The kit follows the server (with a CEL library, not Inngest's own).
    assert mocked_run(WAIT[1], reply=REPLY).output == {"id": 7, "ok": True}


async def _approvals(ctx: inngest.Context) -> list[object]:
    approvers: list[object] = []
    for _ in range(2):
        approved = await ctx.step.wait_for_event(
            "approval", event="conf/approved", timeout=datetime.timedelta(days=1)
        )
        approvers.append(None if approved is None else approved.data["by"])
    return approvers


SAME_WAIT = both("same-wait-id-twice", _approvals)
ANN = inngest.Event(name="conf/approved", data={"by": "ann"})


def test_same_wait_id_twice() -> None:
    # executor.go handlePausesAllNaively (L2916 at 253303c): "Skip pauses
    # created after the event": one event resolves the wait that exists when
    # it arrives, not the next one with the same id.
    run = kit_run(SAME_WAIT[0], waits={"approval": [ANN]})
    assert run.output == ["ann", None]
    # mocked differs: a stub is per step id, so every wait gets it.
    assert mocked_run(SAME_WAIT[1], approval=ANN).output == ["ann", "ann"]


def test_wait_on_a_missing_field() -> None:
    # executor.go L2950-2953: an expression that fails to evaluate is no
    # match; pkg/expressions/unknown.go L211: an unknown (missing) field
    # equals nothing but null. The kit raised KeyError.
    lacking = inngest.Event(name="conf/reply", data={"ok": True})
    run = kit_run(WAIT[0], data={"id": 7}, waits={"reply": [lacking]})
    assert (run.status, run.output) == ("Completed", None)
    # mocked cannot model it: it never evaluates `if`, the stub is the result.
    assert mocked_run(WAIT[1], reply=lacking).output == {"ok": True}


# --- Parallel -----------------------------------------------------------------


def _fan_out(failures: int) -> Handler:
    async def handler(ctx: inngest.Context) -> list[str]:
        results = await ctx.group.parallel(
            (
                lambda: ctx.step.run("a", body("a")(ctx)),
                lambda: ctx.step.run("b", body("b", failures)(ctx)),
            )
        )
        return list(results)

    return handler


PARALLEL = both("parallel", _fan_out(0))
PARALLEL_ONCE = both("parallel-failing-once", _fan_out(1))
PARALLEL_ALWAYS = both("parallel-failing-always", _fan_out(99))


def test_parallel_clean() -> None:
    # Spec 5.5: both steps planned, each run in its own request.
    run = kit_run(PARALLEL[0])
    assert (run.output, run.steps("StepPlanned")) == (["a", "b"], ["a", "b"])
    assert mocked_run(PARALLEL[1]).output == ["a", "b"]  # agree


def test_parallel_with_a_branch_failing_once() -> None:
    # Each planned step is its own queue item with its own attempt counter
    # (handleGeneratorStepPlanned: Attempt 0), retried as that item.
    run = kit_run(PARALLEL_ONCE[0])
    assert run.output == ["a", "b"]
    assert calls == {"a": [0], "b": [0, 1]}
    # mocked differs: one attempt counter for the whole run, so a branch that
    # runs after b's failure sees attempt 1. The kit follows the server.
    result = mocked_run(PARALLEL_ONCE[1])
    assert result.output == ["a", "b"]
    assert calls["b"] == [0, 1]
    assert calls["a"] in ([0], [1])  # mocked picks planned steps from a set


def test_parallel_with_a_branch_always_failing() -> None:
    # The branch fails 5 times; its error is stored, raised in the function as
    # StepError (spec 5.2.2) and, uncaught, fails the run without retry.
    run = kit_run(PARALLEL_ALWAYS[0])
    assert (run.status, calls["b"]) == ("Failed", [0, 1, 2, 3, 4])
    result = mocked_run(PARALLEL_ALWAYS[1])
    assert (result.status, len(calls["b"])) == (mocked.Status.FAILED, 5)  # agree


# --- The server's limits -------------------------------------------------------


async def _loads(ctx: inngest.Context) -> int:
    async def load() -> str:
        calls.setdefault("load", []).append(ctx.attempt)
        return "a" * kit.SERVER_STEP_OUTPUT_LIMIT

    return len(await ctx.step.run("load", load))


BIG_OUTPUT = both("step-output-over-4-mib", _loads)


def test_step_output_over_4_mib() -> None:
    # pkg/execution/state/opcode.go L69 (GeneratorOpcode.Validate): an op whose
    # output is over MaxStepOutputSize (4 MiB, pkg/consts/consts.go L34) makes
    # the response invalid: a failed request, retried, then a failed run.
    run = kit_run(BIG_OUTPUT[0])
    assert run.status == "Failed"
    assert run.error["message"].endswith("step output size is greater than the limit")
    assert calls["load"] == [0, 1, 2, 3, 4]
    # mocked differs: it never measures the output, and the run completes.
    result = mocked_run(BIG_OUTPUT[1])
    assert result.output == kit.SERVER_STEP_OUTPUT_LIMIT


async def _ticks(ctx: inngest.Context) -> int:
    n = int(str(ctx.event.data.get("n", 3)))
    for _ in range(n):
        await ctx.step.run("tick", body("tick")(ctx))
    return n


STEP_LIMIT = both("step-limit", _ticks)


@pytest.mark.slow
def test_step_limit() -> None:
    # executor/validate.go L83 (checkStepLimit): before each request, a run
    # that holds DefaultMaxStepLimit steps (1,000, consts.go L23) fails with
    # InngestErrFunctionOverflowed. Resumed with 999 steps stored: one more.
    stored = [kit.hashed_step_id("tick", n) for n in range(999)]
    at_999 = kit.Run(STEP_LIMIT[0].id, "Running", stack=stored)
    at_999.memos = {h: {"data": "tick"} for h in stored}
    run = kit_run(STEP_LIMIT[0], data={"n": 1_001}, resume=at_999)
    assert (run.status, run.requests) == ("Failed", 1)
    assert run.error["name"] == "InngestErrFunctionOverflowed"
    # A run the kit used to stop at 200 requests runs on, as on the server.
    assert kit_run(STEP_LIMIT[0], data={"n": 250}, max_requests=None).completed
    # mocked differs: no limit.
    assert mocked_run(STEP_LIMIT[1]).status is mocked.Status.COMPLETED


# --- Invoke -------------------------------------------------------------------


async def _child(ctx: inngest.Context) -> object:
    if ctx.event.data.get("fail"):
        raise inngest.NonRetriableError("child refused")
    return ctx.event.data


CHILD = both("child", _child)


async def _parent(ctx: inngest.Context) -> object:
    try:
        return await ctx.step.invoke(
            "call-child",
            function=CHILD[0],  # mocked only reads its id
            data={"n": 1, "fail": bool(ctx.event.data.get("fail"))},
        )
    except inngest.StepError as err:
        return f"{err.name}: {err.message}"


PARENT = both("parent", _parent)


def test_invoke_success() -> None:
    # Spec 5.3.4: the child's return value is stored as `{data}`.
    run = kit_run(PARENT[0], CHILD[0])
    assert run.output["n"] == 1
    assert run.children[0].completed
    # mocked never runs the child: its stub is the result. Given the kit's
    # child output, they agree.
    assert mocked_run(PARENT[1], **{"call-child": run.output}).output == run.output


def test_invoke_child_failure() -> None:
    # Spec 5.3.4: a failed child is stored as `{error}`: StepError in the parent.
    run = kit_run(PARENT[0], CHILD[0], data={"fail": True})
    assert run.output == "NonRetriableError: child refused"
    error = {"error": run.children[0].error}
    assert mocked_run(PARENT[1], **{"call-child": error}).output == run.output


def test_invoke_child_event_shape() -> None:
    # pkg/event/invoke.go NewInvocationEvent: name inngest/function.invoked,
    # the invoke data plus `_inngest` metadata, which the SDK passes on.
    run = kit_run(PARENT[0], CHILD[0])
    child_event = run.children[0].event
    assert child_event["name"] == "inngest/function.invoked"
    assert set(run.output) == {"n", "fail", "_inngest"}
    assert run.output["_inngest"]["fn_id"] == "conformance-child"
    # mocked cannot model it: it never builds the child's event.


async def _invokes_nobody(ctx: inngest.Context) -> str:
    try:
        await ctx.step.invoke_by_id(
            "call", app_id="conformance", function_id="nobody", data={}
        )
    except inngest.StepError as err:
        return f"{err.name}: {err.message}"
    return "answered"


UNSERVED = both("invoke-unserved", _invokes_nobody)


def test_invoke_of_an_unserved_function() -> None:
    # pkg/execution/runner/runner.go L402 (FindInvokedFunction): "could not
    # find function with ID", answered at once as the invoke's error
    # (InvokeFailHandler, L425-433). The kit sent it to the app 5 times.
    run = kit_run(UNSERVED[0])
    assert run.output == "Error: could not find function with ID: conformance-nobody"
    assert (run.requests, run.children) == (2, [])
    # mocked cannot model it: the invoke's stub is the result.


# --- send_event and on_failure -------------------------------------------------


async def _sends(ctx: inngest.Context) -> list[str]:
    return await ctx.step.send_event("notify", inngest.Event(name="conf/notified"))


SEND = both("send-event", _sends)


def test_send_event(inngest_api: kit.FakeInngestAPI) -> None:
    # Spec 5.3.5: a retriable, memoized step that returns the event ids.
    run = kit_run(SEND[0])
    assert inngest_api.event_names() == ["conf/notified"]
    assert len(run.output) == 1
    # mocked differs: nothing is sent and the ids are placeholders. The kit
    # sends over HTTP, as the SDK does to Inngest's Event API.
    result = mocked_run(SEND[1])
    assert result.output == ["00000000000000000000000000"] * 4


async def _page_on_call(ctx: inngest.Context) -> str:
    calls.setdefault("handler", []).append(ctx.attempt)
    raise RuntimeError("pager down")


ON_FAILURE = both("on-failure", _refuse_in_function, on_failure=_page_on_call)


def test_on_failure() -> None:
    # Spec 11: the handler is its own function, triggered by
    # inngest/function.failed, with its own retries: the SDK syncs 0.
    handler_id = ON_FAILURE[0].on_failure_fn_id
    assert handler_id is not None
    failed = inngest.Event(name="inngest/function.failed", data={"run_id": "r1"})
    run = kit.serve_functions(client, [ON_FAILURE[0]]).run(handler_id, failed)
    assert (run.status, calls["handler"]) == ("Failed", [0])
    # mocked cannot model it: `mocked.trigger` always calls the main handler.
    result = mocked_run(ON_FAILURE[1])
    assert "handler" not in calls
    assert result.status is mocked.Status.FAILED


async def _nightly(ctx: inngest.Context) -> object:
    return ctx.event.data


NIGHTLY = (
    client.create_function(fn_id="cron", trigger=inngest.TriggerCron(cron="0 3 * * *"))(
        _nightly
    ),
    mock_client.create_function(
        fn_id="cron", trigger=inngest.TriggerCron(cron="0 3 * * *")
    )(_nightly),
)


def test_cron_triggered_run() -> None:
    # pkg/execution/executor/service.go L1071-1079: a cron run starts from
    # inngest/scheduled.timer, with the expression and the scheduled minute.
    event = kit.event_for(NIGHTLY[0])
    run = kit.serve_functions(client, [NIGHTLY[0]]).run(NIGHTLY[0], event)
    assert run.output == {
        "cron": "0 3 * * *",
        "scheduledAt": event.id,
        "fireAt": event.id,
    }
    # mocked agrees when triggered with the same event.
    with kit.event_loop():
        result = mocked.trigger(NIGHTLY[1], event, mock_client)
    assert result.output == run.output


# --- The page lists exactly these scenarios -----------------------------------


def test_the_fidelity_table_has_one_row_per_scenario() -> None:
    tests = [n.removeprefix("test_") for n in globals() if n.startswith("test_")]
    section = PAGE.read_text().split("{#fidelity}", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \|", section, flags=re.MULTILINE)
    assert [_key(r) for r in rows[1:]] == [_key(t) for t in tests[:-1]]


def _key(name: str) -> str:
    """`Caught `StepError`` and `caught_step_error` both give `caughtsteperror`."""
    return re.sub(r"[^a-z0-9]", "", name.lower())
