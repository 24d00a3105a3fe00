"""A run from start to end: steps, retries, failed requests, what `Run` records."""

import asyncio
import datetime
import functools
import re
import time

import inngest
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from tests.testing_kit.apps import scripted

client = inngest.Inngest(app_id="kit-runs")
fails = {"count": 0}


async def _after() -> str:
    return "done"


async def _letter(letter: str) -> str:
    return letter


@client.create_function(
    fn_id="flaky", trigger=inngest.TriggerEvent(event="kit/flaky"), retries=2
)
async def flaky(ctx: inngest.Context) -> str:
    async def attempt() -> str:
        fails["count"] += 1
        if fails["count"] < 3:
            raise RuntimeError("try again")
        return "ok"

    return await ctx.step.run("flaky-step", attempt)


def test_executor_retries_a_failing_step() -> None:
    fails["count"] = 0
    run = kit.serve_functions(client, [flaky]).run(
        flaky, inngest.Event(name="kit/flaky")
    )
    assert run.output == "ok"
    assert run.attempts("flaky-step") == 3
    assert [o.op for o in run.ops] == ["StepError", "StepError", "StepRun"]


@client.create_function(
    fn_id="child", trigger=inngest.TriggerEvent(event="kit/child"), retries=0
)
async def child(ctx: inngest.Context) -> int:
    return int(str(ctx.event.data["n"])) * 2


def test_function_level_errors_are_retried_then_fail() -> None:
    run = kit.serve_functions(client, [child]).run(
        child, inngest.Event(name="kit/child")
    )
    assert run.status == "Failed"
    assert run.requests == 1  # retries=0: one attempt
    assert run.error["name"] == "KeyError"


@client.create_function(
    fn_id="broken", trigger=inngest.TriggerEvent(event="kit/broken"), retries=1
)
async def broken(ctx: inngest.Context) -> None:
    await ctx.step.run("always-fails", _always_fails)


async def _always_fails() -> None:
    raise RuntimeError("down")


def test_a_step_that_exhausts_its_retries_fails_the_run() -> None:
    run = kit.serve_functions(client, [broken]).run(
        broken, inngest.Event(name="kit/broken")
    )
    assert [o.op for o in run.ops] == ["StepError", "StepFailed"]
    assert run.status == "Failed"
    # The run's error names the step's original exception, not StepError.
    assert run.error["name"] == "RuntimeError"
    assert run.error["message"] == "down"
    assert run.last_headers["x-inngest-no-retry"] == "true"


@client.create_function(
    fn_id="crash", trigger=inngest.TriggerEvent(event="kit/crash"), retries=2
)
async def crash(ctx: inngest.Context) -> None:
    raise RuntimeError("crash")


def test_function_level_retriable_errors_use_every_attempt() -> None:
    run = kit.serve_functions(client, [crash]).run(
        crash, inngest.Event(name="kit/crash")
    )
    assert (run.status, run.requests) == ("Failed", 3)


@client.create_function(
    fn_id="always-fails", trigger=inngest.TriggerEvent(event="kit/always-fails")
)
async def always_fails(ctx: inngest.Context) -> None:
    raise RuntimeError("down")


def test_a_function_without_retries_gets_the_server_default() -> None:
    # 4 retries (DefaultRetryCount, pkg/consts/consts.go): 5 attempts in all,
    # for a function given to the executor and for one it was not given.
    assert kit.SERVER_DEFAULT_RETRIES == 4
    served = kit.serve_functions(client, [always_fails])
    event = inngest.Event(name="kit/always-fails")
    for executor in (served, kit.Executor(served.client, [])):
        run = executor.run(always_fails.id, event)
        assert run.status == "Failed"
        assert [e.attempt for e in run.errors] == [0, 1, 2, 3, 4]
        assert [b.op for b in run.errors] == ["FunctionError"] * 5


@pytest.mark.parametrize("status", [199, 201, 202, 204, 404])
def test_any_answer_but_200_or_206_is_a_failed_request(status: int) -> None:
    app = scripted((status, {"accepted": True}))
    run = kit.Executor(TestClient(app), []).run("kit-x", inngest.Event(name="kit/x"))
    assert run.status == "Failed"
    assert run.error == {"accepted": True}
    # Retried as the server retries a failed request: 5 attempts by default.
    assert [(e.op, e.attempt) for e in run.errors] == [
        ("FunctionError", n) for n in range(5)
    ]


@pytest.mark.parametrize("name", ["AIGateway", "Gateway", "StepUnknown"])
def test_unknown_ops_are_reported(name: str) -> None:
    app = scripted((206, [{"op": name, "id": "h", "displayName": "ai"}]))
    executor = kit.Executor(TestClient(app), [])
    with pytest.raises(kit.KitError, match=f"unsupported op '{name}' at step 'ai'"):
        executor.run("kit-x", inngest.Event(name="kit/x"))


def test_a_run_with_nothing_left_to_call_is_reported() -> None:
    # 206 with no op: nothing queued, nothing stored.
    executor = kit.Executor(TestClient(scripted((206, []))), [])
    with pytest.raises(kit.KitError, match="kit-x: the run stopped with nothing left"):
        executor.run("kit-x", inngest.Event(name="kit/x"))


@client.create_function(
    fn_id="crash-sdk", trigger=inngest.TriggerEvent(event="kit/crash-sdk"), retries=0
)
async def crash_sdk(ctx: inngest.Context) -> None:
    # A str retry_after makes the SDK itself crash while building the response.
    raise inngest.RetryAfterError("later", "not a duration")  # type: ignore[arg-type]


def test_server_exceptions_can_be_seen_as_a_bare_500() -> None:
    with pytest.raises(AttributeError):
        kit.serve_functions(client, [crash_sdk]).run(
            crash_sdk, inngest.Event(name="kit/crash-sdk")
        )
    run = kit.serve_functions(client, [crash_sdk], raise_server_exceptions=False).run(
        crash_sdk, inngest.Event(name="kit/crash-sdk")
    )
    # Not JSON: the body as text.
    assert (run.last_status_code, run.error) == (500, "Internal Server Error")


@client.create_function(
    fn_id="nested", trigger=inngest.TriggerEvent(event="kit/nested"), retries=3
)
async def nested(ctx: inngest.Context) -> object:
    async def outer() -> object:
        return await ctx.step.run("inner", _letter, "i")

    return await ctx.step.run("outer", outer)


def test_a_step_error_marked_no_retry_is_final() -> None:
    # The SDK reports a nested step as StepError with x-inngest-no-retry: the
    # server stores it as the step's failure instead of retrying it.
    run = kit.serve_functions(client, [nested]).run(
        nested, inngest.Event(name="kit/nested")
    )
    assert [o.op for o in run.ops] == ["StepError"]
    assert (run.status, run.requests) == ("Failed", 2)
    assert run.error["message"] == "Nested steps are not supported."


# --- Max requests and the server's limits ---------------------------------------


@client.create_function(
    fn_id="forever", trigger=inngest.TriggerEvent(event="kit/forever")
)
async def forever(ctx: inngest.Context) -> None:
    for i in range(int(str(ctx.event.data.get("n", 10)))):
        await ctx.step.run("tick", _letter, str(i))


def test_a_run_stops_once_it_has_made_max_requests() -> None:
    executor = kit.serve_functions(client, [forever])
    event = inngest.Event(name="kit/forever")
    needed = executor.run(forever, event).requests  # ten steps, then the end
    assert needed == 11
    assert executor.run(forever, event, max_requests=needed).completed
    assert executor.run(forever, event, max_requests=needed + 1).completed
    with pytest.raises(kit.KitError, match=f"still running after {needed - 1} "):
        executor.run(forever, event, max_requests=needed - 1)


def _stored(n: int) -> kit.Run:
    """A run in flight that has stored `n` uses of step "tick"."""
    hashed = [kit.hashed_step_id("tick", i) for i in range(n)]
    memos = {h: {"data": str(i)} for i, h in enumerate(hashed)}
    return kit.Run("kit-runs-forever", "Running", memos=memos, stack=hashed)


def test_a_run_fails_at_the_servers_step_limit() -> None:
    # checkStepLimit (executor/validate.go): before each request, a run that
    # has stored 1,000 steps fails with InngestErrFunctionOverflowed.
    executor = kit.serve_functions(client, [forever])
    assert executor.step_limit == kit.SERVER_STEP_LIMIT == 1_000
    event = inngest.Event(name="kit/forever", data={"n": 1_001})
    run = executor.run(forever, event, resume=_stored(999))
    assert run.status == "Failed"
    assert run.requests == 1  # the 1,000th step; then no request
    assert len(run.memos) == 1_000
    assert run.error == {
        "error": "function has too many steps",
        "name": "InngestErrFunctionOverflowed",
        "message": "The function run exceeded the step limit of 1000 steps.",
    }
    done = executor.run(
        forever, inngest.Event(name="kit/forever", data={"n": 999}), resume=_stored(998)
    )
    assert (done.status, done.requests) == ("Completed", 2)  # 999 steps, then 200


def test_the_step_limit_can_be_set_to_an_accounts_own() -> None:
    executor = kit.serve_functions(client, [forever])
    executor.step_limit = 3
    run = executor.run(forever, inngest.Event(name="kit/forever"))
    assert (run.status, run.requests, run.steps()) == ("Failed", 3, ["tick"] * 3)
    assert run.error["message"] == (
        "The function run exceeded the step limit of 3 steps."
    )


@client.create_function(fn_id="fan-1001", trigger=inngest.TriggerEvent(event="kit/fan"))
async def fan_1001(ctx: inngest.Context) -> object:
    return await ctx.group.parallel(
        tuple(
            functools.partial(ctx.step.run, f"s{i}", _letter, "x")
            for i in range(int(str(ctx.event.data["n"])))
        )
    )


def test_one_response_planning_more_steps_than_the_limit_fails_the_run() -> None:
    # HandleGeneratorResponse (executor.go): more ops in one response than
    # DefaultMaxStepLimit fails the run at once, whatever the account's limit.
    executor = kit.serve_functions(client, [fan_1001])
    executor.step_limit = 5_000
    run = executor.run(fan_1001, inngest.Event(name="kit/fan", data={"n": 1_001}))
    assert (run.status, run.requests, run.last_status_code) == ("Failed", 1, 206)
    assert run.steps() == []  # refused: no op of that response counts
    assert run.error == {
        "error": "InngestErrFunctionOverflowed: The function run exceeded "
        "the step limit of 1000 steps.",
        "name": "InngestErrFunctionOverflowed",
        "message": "The function run exceeded the step limit of 1000 steps.",
    }
    # 1,000 planned steps are not too many: the run goes on.
    with pytest.raises(kit.KitError, match="still running after 2 requests"):
        executor.run(
            fan_1001, inngest.Event(name="kit/fan", data={"n": 1_000}), max_requests=2
        )


calls_of_big: list[int] = []


async def _big(size: int, text: str) -> str:
    calls_of_big.append(size)
    return text * size


@client.create_function(fn_id="big", trigger=inngest.TriggerEvent(event="kit/big"))
async def big(ctx: inngest.Context) -> int:
    size, text = int(str(ctx.event.data["size"])), str(ctx.event.data["text"])
    return len(await ctx.step.run("load", _big, size, text))


def _big_run(size: int, text: str = "a") -> kit.Run:
    calls_of_big.clear()
    event = inngest.Event(name="kit/big", data={"size": size, "text": text})
    return kit.serve_functions(client, [big]).run(big, event)


def test_a_step_output_over_4_mib_fails_the_run_after_its_retries() -> None:
    # GeneratorOpcode.Validate (pkg/execution/state/opcode.go): the stored
    # output {"data": "..."} may hold 4 MiB; the server refuses the response,
    # and retries the request as a failed one.
    limit = kit.SERVER_STEP_OUTPUT_LIMIT
    assert limit == 4 * 1024 * 1024
    envelope = len('{"data":""}')
    assert _big_run(limit - envelope).completed
    run = _big_run(limit - envelope + 1)
    assert run.status == "Failed"
    assert calls_of_big == [limit - envelope + 1] * 5  # the step ran each attempt
    assert run.attempts("load") == 5
    assert run.steps() == []  # nothing was stored
    message = (
        f"error validating generator opcode {kit.hashed_step_id('load')}: "
        "step output size is greater than the limit"
    )
    assert run.error == {"error": message, "name": "Error", "message": message}
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", "load")] * 5


def test_the_output_size_counts_what_go_escapes() -> None:
    # The server measures Go's encoding: `<`, `>` and `&` as \u003c (6 bytes).
    envelope = len('{"data":""}')
    fits = (kit.SERVER_STEP_OUTPUT_LIMIT - envelope) // 6
    assert _big_run(fits, "<").completed
    assert _big_run(fits + 1, "&").status == "Failed"


def test_a_response_over_8_mib_is_output_too_large() -> None:
    # exechttp.go: a body over MaxSDKResponseBodySize (step output + input
    # limits) is refused before any op is read (httpdriver.go).
    assert kit.SERVER_RESPONSE_LIMIT == 8 * 1024 * 1024
    run = _big_run(kit.SERVER_RESPONSE_LIMIT)
    assert run.status == "Failed"
    assert run.error == {
        "error": "output_too_large: Your function's response body exceeds the "
        "maximum size limit",
        "name": "output_too_large",
        "message": "Your function's response body exceeds the maximum size limit",
    }
    assert run.attempts("load") == 5


def test_any_op_carrying_over_4_mib_of_data_is_refused() -> None:
    # GeneratorOpcode.Output: for ops other than steps, the data itself.
    huge = "x" * kit.SERVER_STEP_OUTPUT_LIMIT
    app = scripted(
        (206, [{"op": "Sleep", "id": "h-nap", "displayName": "nap", "data": huge}])
    )
    run = kit.Executor(TestClient(app), []).run("kit-x", inngest.Event(name="kit/x"))
    assert run.status == "Failed"
    assert run.error["message"].startswith("error validating generator opcode h-nap")
    assert [e.step_id for e in run.errors] == [""] * 5  # not a step body's output


@client.create_function(
    fn_id="returns-big", trigger=inngest.TriggerEvent(event="kit/returns-big")
)
async def returns_big(ctx: inngest.Context) -> str:
    return "a" * int(str(ctx.event.data["size"]))


def test_a_function_output_over_8_mib_is_output_too_large() -> None:
    executor = kit.serve_functions(client, [returns_big])
    limit = kit.SERVER_RESPONSE_LIMIT
    ok = executor.run(
        returns_big, inngest.Event(name="kit/returns-big", data={"size": limit - 2})
    )
    assert ok.completed
    run = executor.run(
        returns_big, inngest.Event(name="kit/returns-big", data={"size": limit})
    )
    assert (run.status, run.requests) == ("Failed", 5)
    assert run.error["name"] == "output_too_large"
    assert [e.step_id for e in run.errors] == [""] * 5


# --- Attempts -------------------------------------------------------------------


def test_attempts_count_the_named_steps_failed_requests_only() -> None:
    run = kit.Run("f", "Failed")
    run.errors = [
        kit.Op(op="FunctionError", step_id=step, attempt=n)
        for n, step in enumerate(["b", "a", "b", ""])
    ]
    assert [run.attempts(s) for s in ("a", "b", "", "c")] == [1, 2, 1, 0]


@client.create_function(fn_id="once", trigger=inngest.TriggerEvent(event="kit/once"))
async def once(ctx: inngest.Context) -> str:
    return await ctx.step.run("s", _after)


def test_attempts_add_step_ops_and_failed_requests_of_one_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # First call: a RetryAfterError, which reaches the server as a failed
    # request; second call: the step's StepRun. Two runs of the body.
    later = inngest.RetryAfterError("later", datetime.timedelta(seconds=1))
    monkeypatch.setattr(f"{__name__}._after", kit.Flaky(1, "done", error=later))
    run = kit.serve_functions(client, [once]).run(once, inngest.Event(name="kit/once"))
    assert run.output == "done"
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", "s")]
    assert run.steps("StepRun") == ["s"]
    assert run.attempts("s") == 2


@client.create_function(fn_id="sync-fn", trigger=inngest.TriggerEvent(event="kit/sync"))
def sync_fn(ctx: inngest.ContextSync) -> str:
    def call() -> str:
        sync_calls.append(ctx.attempt)
        if len(sync_calls) == 1:
            raise inngest.RetryAfterError("429", datetime.timedelta(seconds=1))
        if ctx.event.data.get("refuse"):
            raise inngest.NonRetriableError("refused")
        return "ok"

    return ctx.step.run("call", call)


sync_calls: list[int] = []


@pytest.mark.parametrize("refuse", [False, True])
def test_attempts_count_errors_raised_in_a_step_of_a_def_function(
    refuse: bool,
) -> None:
    # A `def` function's steps pass the error through step_lib/step_sync.py,
    # not step_async.py: the page's attempts count holds for both kinds.
    sync_calls.clear()
    event = inngest.Event(name="kit/sync", data={"refuse": refuse})
    run = kit.serve_functions(client, [sync_fn]).run(sync_fn, event)
    assert run.status == ("Failed" if refuse else "Completed")
    assert run.attempts("call") == len(sync_calls) == 2
    expected = [("FunctionError", "call")] * (2 if refuse else 1)
    assert [(e.op, e.step_id) for e in run.errors] == expected


@client.create_function(fn_id="loop", trigger=inngest.TriggerEvent(event="kit/loop"))
async def loop(ctx: inngest.Context) -> list[str]:
    return [await ctx.step.run("fetch", _fetch, n) for n in range(3)]


fetched: list[int] = []


async def _fetch(n: int) -> str:
    fetched.append(n)
    if n == 1 and fetched.count(1) < 3:
        raise RuntimeError("the second page fails twice")
    return str(n)


def test_attempts_count_one_iteration_of_a_step_in_a_loop() -> None:
    fetched.clear()
    run = kit.serve_functions(client, [loop]).run(loop, inngest.Event(name="kit/loop"))
    assert run.output == ["0", "1", "2"]
    # The second iteration is "fetch:1", as the SDK hashes it: 3 attempts.
    assert [o.id for o in run.ops] == [
        "fetch",
        "fetch:1",
        "fetch:1",
        "fetch:1",
        "fetch:2",
    ]
    assert [run.attempts(i) for i in ("fetch", "fetch:1", "fetch:2")] == [1, 3, 1]
    assert run.steps("StepRun") == ["fetch"] * 3  # the id as written
    assert fetched == [0, 1, 1, 1, 2]


async def _refuses() -> str:
    raise inngest.NonRetriableError("no")


@client.create_function(
    fn_id="unnamed-step", trigger=inngest.TriggerEvent(event="kit/unnamed")
)
async def unnamed_step(ctx: inngest.Context) -> str:
    return await ctx.step.run("", _refuses)


def test_a_step_with_an_empty_id_is_named_by_its_hash() -> None:
    run = kit.serve_functions(client, [unnamed_step]).run(
        unnamed_step, inngest.Event(name="kit/unnamed")
    )
    hashed = kit.hashed_step_id("")
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", hashed)]
    assert run.attempts(hashed) == 1


def test_a_step_error_the_kit_cannot_place_counts_for_no_step() -> None:
    # A failed request whose stack shows a step frame, but the function no
    # longer reaches one step when asked again (here: it crashes): the failed
    # request is recorded with no step.
    stack = 'File "/x/inngest/_internal/step_lib/step_async.py", line 1, in run\n'
    app = scripted((500, {"name": "RetryAfterError", "stack": stack}), (500, {}))
    run = kit.Executor(TestClient(app), []).run("kit-x", inngest.Event(name="kit/x"))
    assert run.status == "Failed"
    assert [e.step_id for e in run.errors] == [""] * 5
    assert run.requests == 5  # the probes are not counted


def test_flaky_fails_then_succeeds() -> None:
    flaky_call = kit.Flaky(2, "done")
    for expected in (1, 2):
        with pytest.raises(RuntimeError, match=f"simulated failure {expected} of 2"):
            asyncio.run(flaky_call())
    assert asyncio.run(flaky_call("ignored", "args")) == "done"
    assert flaky_call.calls == 3
    custom = kit.Flaky(1, error=ValueError("bad input"))
    with pytest.raises(ValueError, match="bad input"):
        asyncio.run(custom())


@client.create_function(
    fn_id="charge", trigger=inngest.TriggerEvent(event="kit/charge"), retries=3
)
async def charge(ctx: inngest.Context) -> object:
    return await ctx.step.run("charge-card", _charge_card)


async def _charge_card() -> object:
    return {"charged": True}


def test_flaky_drives_step_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    flaky_charge = kit.Flaky(2, {"charged": True})
    monkeypatch.setattr(f"{__name__}._charge_card", flaky_charge)
    run = kit.serve_functions(client, [charge]).run(
        charge, inngest.Event(name="kit/charge")
    )
    assert run.output == {"charged": True}
    assert (flaky_charge.calls, run.attempts("charge-card")) == (3, 3)
    assert run.steps() == ["charge-card"] * 3


# --- What a run records -------------------------------------------------------


def test_a_run_before_its_first_request_has_no_status_code() -> None:
    run = kit.Run("f", "Running")
    assert (run.requests, run.last_status_code, run.ops, run.errors) == (0, 0, [], [])


def test_completed_means_the_completed_status_only() -> None:
    assert kit.Run("f", "Completed").completed
    for other in ("Cancelled", "Failed", "Running"):
        assert not kit.Run("f", other).completed


@client.create_function(fn_id="echo", trigger=inngest.TriggerEvent(event="kit/echo"))
async def echo(ctx: inngest.Context) -> object:
    return {
        "event": ctx.event.data,
        "events": [e.data for e in ctx.events],
        "run_id": ctx.run_id,
    }


def test_a_batch_run_is_for_its_first_event() -> None:
    first = inngest.Event(name="kit/echo", data={"n": 1})
    second = inngest.Event(name="kit/echo", data={"n": 2})
    run = kit.serve_functions(client, [echo]).run(echo, [first, second])
    assert run.output["event"] == {"n": 1}
    assert run.output["events"] == [{"n": 1}, {"n": 2}]
    assert run.event is not None
    assert run.event["data"] == {"n": 1}


def test_events_and_runs_get_ulids_and_the_time_they_were_sent() -> None:
    before = int(time.time() * 1000)
    run = kit.serve_functions(client, [echo]).run(echo, inngest.Event(name="kit/echo"))
    after = int(time.time() * 1000)
    assert run.event is not None
    assert before <= run.event["ts"] <= after
    ulid = r"[0-9A-HJKMNP-TV-Z]{26}"  # as the server's own ids
    assert re.fullmatch(ulid, run.event["id"])
    assert re.fullmatch(ulid, run.run_id)
    assert run.output["run_id"] == run.run_id
    kept = inngest.Event(name="kit/echo", ts=1_700_000_000_000, id="e-1")
    run = kit.serve_functions(client, [echo]).run(echo, kept)
    assert run.event is not None
    assert (run.event["ts"], run.event["id"]) == (1_700_000_000_000, "e-1")


def test_run_options_are_keyword_only() -> None:
    executor = kit.serve_functions(client, [echo])
    event = inngest.Event(name="kit/echo")
    with pytest.raises(TypeError, match="positional"):
        executor.run(echo, event, {"wait": []})  # type: ignore[call-arg]


# --- Retries, step by step --------------------------------------------------------

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

    await ctx.step.run("prepare", _letter, "p")
    if ctx.event.data.get("refuse"):
        await ctx.step.run("refuse", _refuses)
    return await ctx.step.run("call", call)


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
    assert run.error is None  # cleared once the run completed
    refused = executor.run(
        rate_limited, inngest.Event(name="k/limited", data={"refuse": True})
    )
    assert (refused.status, refused.attempts("refuse")) == ("Failed", 1)


@client.create_function(
    fn_id="outside", trigger=inngest.TriggerEvent(event="k/outside"), retries=1
)
async def outside(ctx: inngest.Context) -> None:
    await ctx.step.run("fine", _letter, "f")
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
