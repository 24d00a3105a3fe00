"""The kit's own behaviour: signing, config capture, the fake API, the executor."""

import datetime
import inspect
import re
import threading
import time
from typing import Any

import fastapi
import inngest
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit

SIGNING_KEY = "signkey-test-" + "ab" * 32


def test_signature_is_accepted_by_a_production_app() -> None:
    client = inngest.Inngest(
        app_id="kit-prod", is_production=True, signing_key=SIGNING_KEY
    )

    @client.create_function(
        fn_id="hello", trigger=inngest.TriggerEvent(event="kit/hello")
    )
    async def hello(ctx: inngest.Context) -> str:
        return "hi"

    # A production app runs only correctly signed requests (the debug guide's
    # test shows the others refused): the kit's signature is accepted.
    signed = kit.serve_functions(client, [hello], signing_key=SIGNING_KEY)
    assert signed.run(hello, inngest.Event(name="kit/hello")).output == "hi"


def test_sign_is_deterministic_for_a_timestamp() -> None:
    assert kit.sign(b"{}", "signkey-prod-00", unix_seconds=1) == kit.sign(
        b"{}", "00", unix_seconds=1
    )


def test_hashed_step_id_counts_repeats() -> None:
    assert kit.hashed_step_id("a") != kit.hashed_step_id("a", 1)
    assert len(kit.hashed_step_id("a")) == 40


def test_fake_api_records_events_and_syncs(inngest_api: kit.FakeInngestAPI) -> None:
    client = inngest.Inngest(app_id="kit-dev")

    @client.create_function(
        fn_id="noop", trigger=inngest.TriggerEvent(event="kit/noop")
    )
    async def noop(ctx: inngest.Context) -> None:
        return None

    ids = client.send_sync(inngest.Event(name="kit/noop"))
    assert inngest_api.event_names() == ["kit/noop"]
    assert len(ids) == 1
    executor = kit.serve_functions(client, [noop])
    synced = kit.sync(executor.client, inngest_api)
    assert [f["id"] for f in synced["functions"]] == ["kit-dev-noop"]
    assert executor.client.post("/api/inngest?fnId=x", content=b"{}").status_code == 500
    inngest_api.reset()
    assert inngest_api.syncs == []


def test_fake_api_unknown_route(inngest_api: kit.FakeInngestAPI) -> None:
    import httpx

    assert httpx.post(inngest_api.url + "/nope", json={}).status_code == 404
    assert httpx.post(inngest_api.url + "/fn/other", json={}).status_code == 404
    assert inngest_api.syncs == []


def test_sync_failure_is_reported(inngest_api: kit.FakeInngestAPI) -> None:
    client = inngest.Inngest(app_id="kit-nosync", api_base_url="http://127.0.0.1:9")

    @client.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    with pytest.raises(kit.KitError, match="sync failed"):
        kit.sync(kit.serve_functions(client, [x]).client, inngest_api)


def test_fake_api_stops() -> None:
    api = kit.FakeInngestAPI().start()
    api.stop()
    kit.FakeInngestAPI().stop()  # never started: nothing to do


def test_matches_evaluates_if_exp() -> None:
    expr = "async.data.id == event.data.id"
    assert kit.matches(expr, event={"data": {"id": 1}}, awaited={"data": {"id": 1}})
    assert not kit.matches(expr, event={"data": {"id": 1}}, awaited={"data": {"id": 2}})
    with pytest.raises(KeyError):
        kit.matches("async.data.idd == 1", event={}, awaited={"data": {"id": 1}})


client = inngest.Inngest(app_id="kit-flows")
fails = {"count": 0}


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
    timed_out = executor.run(parent, event, waits={"reply": []})
    assert timed_out.output["reply"] is None


def test_executor_asks_for_waits_it_was_not_given() -> None:
    executor = kit.serve_functions(client, [parent, child])
    with pytest.raises(kit.KitError, match=r"waits=\{'reply'"):
        executor.run(parent, inngest.Event(name="kit/parent", data={"id": 1}))


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
    fn_id="forever", trigger=inngest.TriggerEvent(event="kit/forever")
)
async def forever(ctx: inngest.Context) -> None:
    for i in range(10):
        await ctx.step.run("tick", _letter, str(i))


def test_executor_stops_a_run_that_never_ends() -> None:
    with pytest.raises(kit.KitError, match="still running after 3 requests"):
        kit.serve_functions(client, [forever]).run(
            forever, inngest.Event(name="kit/forever"), max_requests=3
        )


def test_function_level_errors_are_retried_then_fail() -> None:
    run = kit.serve_functions(client, [child]).run(
        child, inngest.Event(name="kit/child")
    )
    assert run.status == "Failed"
    assert run.requests == 1  # retries=0: one attempt
    assert run.error["name"] == "KeyError"


@pytest.mark.parametrize("name", ["AIGateway", "Gateway", "StepUnknown"])
def test_unknown_ops_are_reported(name: str) -> None:
    executor = kit.Executor(kit.serve_functions(client, [child]).client, [child])
    op = kit.Op(op=name, step_id="ai", attempt=0)
    state = kit._RunState(kit.Run("f", "Running"), [], 1, {})
    with pytest.raises(kit.KitError, match=f"unsupported op '{name}'"):
        executor._resolve(op, state, "hashed-id")


def test_text_bodies_are_returned_as_text() -> None:
    assert kit._json_or_text("not json") == "not json"


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


def test_evaluate_returns_the_value_and_rejects_bad_expressions() -> None:
    event = {"data": {"plan": "pro", "user_id": "u1"}}
    assert kit.evaluate("event.data.user_id", event=event) == "u1"
    assert kit.evaluate("event.data.plan == 'pro' ? 120 : 0", event=event) == 120
    with pytest.raises(ValueError, match="Syntax error"):
        kit.evaluate("event.data.plan ==", event=event)


# --- Helpers added for the debug guide ------------------------------------------


def test_signature_cases_sign_right_wrong_and_not_at_all() -> None:
    # What a production endpoint answers each case is the debug guide's test
    # (tests/guides/debug/test_production.py); here, that each case is built as named.
    body = kit.request_body(inngest.Event(name="kit/sig"))
    raw = kit.canonical_json(body)
    cases = kit.signature_cases(body, SIGNING_KEY)
    assert list(cases) == ["signed", "unsigned", "wrong-key", "tampered"]

    def signature(case: str) -> tuple[bytes, str, int]:
        sent, headers = cases[case]
        assert isinstance(headers, dict)
        assert headers["content-type"] == "application/json"
        header = str(headers["x-inngest-signature"])
        return sent, header, int(header.removeprefix("t=").split("&")[0])

    sent, header, ts = signature("signed")
    assert (sent, header) == (raw, kit.sign(raw, SIGNING_KEY, unix_seconds=ts))
    assert cases["unsigned"] == (raw, {"content-type": "application/json"})
    sent, header, ts = signature("wrong-key")
    assert sent == raw
    assert header != kit.sign(raw, SIGNING_KEY, unix_seconds=ts)
    sent, header, ts = signature("tampered")
    assert sent == kit.canonical_json({**body, "tampered": True})
    assert header == kit.sign(raw, SIGNING_KEY, unix_seconds=ts)
    # The "other" key differs from the real one whatever the real one ends with.
    zeros = "signkey-test-" + "00" * 32
    wrong = kit.signature_cases(body, zeros)["wrong-key"][1]
    assert wrong["x-inngest-signature"] != kit.sign(kit.canonical_json(body), zeros)


def test_request_body_defaults_to_a_first_attempt_with_no_memos() -> None:
    body = kit.request_body([inngest.Event(name="a"), inngest.Event(name="b")])
    assert body["ctx"]["attempt"] == 0
    assert body["ctx"]["max_attempts"] == kit.SERVER_DEFAULT_RETRIES + 1
    assert body["steps"] == {}
    assert [e["name"] for e in body["events"]] == ["a", "b"]
    assert body["event"]["name"] == "a"
    assert body["ctx"]["disable_immediate_execution"] is False  # steps may run at once


def test_flaky_fails_then_succeeds() -> None:
    import asyncio

    flaky = kit.Flaky(2, "done")
    for expected in (1, 2):
        with pytest.raises(RuntimeError, match=f"simulated failure {expected} of 2"):
            asyncio.run(flaky())
    assert asyncio.run(flaky("ignored", "args")) == "done"
    assert flaky.calls == 3
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
    flaky = kit.Flaky(2, {"charged": True})
    monkeypatch.setattr(f"{__name__}._charge_card", flaky)
    run = kit.serve_functions(client, [charge]).run(
        charge, inngest.Event(name="kit/charge")
    )
    assert run.output == {"charged": True}
    assert (flaky.calls, run.attempts("charge-card")) == (3, 3)
    assert run.steps() == ["charge-card"] * 3


@client.create_function(
    fn_id="pro-only",
    trigger=[
        inngest.TriggerEvent(event="kit/signed-up", expression="event.data.pro"),
        inngest.TriggerEvent(event="kit/upgraded"),
    ],
)
async def pro_only(ctx: inngest.Context) -> None:
    return None


@client.create_function(fn_id="nightly", trigger=inngest.TriggerCron(cron="0 3 * * *"))
async def nightly(ctx: inngest.Context) -> None:
    return None


def test_triggered_by_matches_names_and_expressions() -> None:
    fns: list[inngest.Function[Any]] = [pro_only, nightly, child]

    def started(name: str, **data: bool) -> list[str]:
        return kit.triggered_by(fns, inngest.Event(name=name, data=data))

    assert started("kit/signed-up", pro=True) == [pro_only.id]
    assert started("kit/signed-up", pro=False) == []
    assert started("kit/upgraded") == [pro_only.id]
    assert started("kit/child") == [child.id]
    assert started("kit/signed_up", pro=True) == []  # underscore: no trigger


def test_inspect_reports_mode_and_function_count() -> None:
    executor = kit.serve_functions(client, [child, parent])
    assert executor.inspect()["function_count"] == 2
    assert executor.inspect()["mode"] == "dev"


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
    assert (run.last_status_code, run.error) == (500, "Internal Server Error")


def test_event_for_names_the_first_event_trigger() -> None:
    event = kit.event_for(pro_only, pro=True)
    assert (event.name, event.data) == ("kit/signed-up", {"pro": True})
    with pytest.raises(kit.KitError, match="kit-flows-nightly has no event trigger"):
        kit.event_for(nightly)


def test_bearer_is_the_hash_the_sdk_sends() -> None:
    from inngest._internal import transforms

    assert kit.bearer(SIGNING_KEY) == transforms.hash_signing_key(SIGNING_KEY)
    assert kit.bearer("ab" * 32) == kit.bearer(SIGNING_KEY)


def test_fake_api_can_require_a_signing_key(inngest_api: kit.FakeInngestAPI) -> None:
    import httpx

    inngest_api.signing_keys.append(SIGNING_KEY)
    refused = httpx.post(inngest_api.url + "/fn/register", json={})
    accepted = httpx.post(
        inngest_api.url + "/fn/register",
        json={"app": 1},
        headers={"Authorization": f"Bearer {kit.bearer(SIGNING_KEY)}"},
    )
    assert (refused.status_code, accepted.status_code) == (401, 200)
    assert inngest_api.syncs == [{"app": 1}]
    assert len(inngest_api.sync_headers) == 2
    inngest_api.reset()
    assert inngest_api.signing_keys == []
    assert inngest_api.sync_headers == []


def test_a_run_can_stop_in_flight_and_resume() -> None:
    client = inngest.Inngest(app_id="kit-resume")

    @client.create_function(fn_id="two", trigger=inngest.TriggerEvent(event="kit/two"))
    async def two(ctx: inngest.Context) -> str:
        await ctx.step.sleep("nap", datetime.timedelta(hours=1))
        return await ctx.step.run("after", _after)

    executor = kit.serve_functions(client, [two])
    event = inngest.Event(name="kit/two")
    paused = executor.run(two, event, stop_after="nap")
    assert (paused.status, paused.steps()) == ("Running", ["nap"])
    assert list(paused.memos) == [kit.hashed_step_id("nap")]
    resumed = executor.run(two, event, resume=paused)
    assert (resumed.output, resumed.steps()) == ("done", ["after"])
    assert resumed.run_id == paused.run_id


async def _after() -> str:
    return "done"


def test_only_a_true_if_exp_matches() -> None:
    # A wait or cancel resumes on `true`, not on a value that merely equals it.
    event: kit.Json = {"data": {}}
    awaited: kit.Json = {"data": {"n": 1}}
    assert kit.evaluate("async.data.n", event=event, awaited=awaited) == 1
    assert not kit.matches("async.data.n", event=event, awaited=awaited)
    assert kit.matches("async.data.n == 1", event=event, awaited=awaited)


def test_triggered_by_compares_names_by_value() -> None:
    name = "".join(["kit/", "child"])  # equal to the trigger, not the same object
    assert kit.triggered_by([child], inngest.Event(name=name)) == [child.id]


@client.create_function(fn_id="echo", trigger=inngest.TriggerEvent(event="kit/echo"))
async def echo(ctx: inngest.Context) -> object:
    return {"event": ctx.event.data, "events": [e.data for e in ctx.events]}


def test_a_batch_run_is_for_its_first_event() -> None:
    first = inngest.Event(name="kit/echo", data={"n": 1})
    second = inngest.Event(name="kit/echo", data={"n": 2})
    run = kit.serve_functions(client, [echo]).run(echo, [first, second])
    assert run.output == {"event": {"n": 1}, "events": [{"n": 1}, {"n": 2}]}
    assert run.event is not None
    assert run.event["data"] == {"n": 1}


def test_events_get_the_time_they_were_sent_in_milliseconds() -> None:
    before = int(time.time() * 1000)
    run = kit.serve_functions(client, [echo]).run(echo, inngest.Event(name="kit/echo"))
    after = int(time.time() * 1000)
    assert run.event is not None
    assert before <= run.event["ts"] <= after
    assert re.fullmatch(r"[0-9a-f]{32}", run.event["id"])  # an id of its own
    kept = inngest.Event(name="kit/echo", ts=1_700_000_000_000)
    run = kit.serve_functions(client, [echo]).run(echo, kept)
    assert run.event is not None
    assert run.event["ts"] == 1_700_000_000_000


def test_run_options_are_keyword_only() -> None:
    executor = kit.serve_functions(client, [echo])
    event = inngest.Event(name="kit/echo")
    with pytest.raises(TypeError, match="positional"):
        executor.run(echo, event, {"wait": []})  # type: ignore[call-arg]


def test_the_fake_api_never_keeps_the_test_process_alive() -> None:
    before = set(threading.enumerate())
    api = kit.FakeInngestAPI().start()
    try:
        [server] = set(threading.enumerate()) - before
        assert server.daemon
    finally:
        api.stop()


def test_completed_means_the_completed_status_only() -> None:
    assert kit.Run("f", "Completed").completed
    for other in ("Cancelled", "Failed", "Running"):
        assert not kit.Run("f", other).completed


@client.create_function(
    fn_id="endless", trigger=inngest.TriggerEvent(event="kit/endless"), retries=0
)
async def endless(ctx: inngest.Context) -> None:
    while True:
        await ctx.step.run("tick", _after)


def test_by_default_a_run_is_stopped_after_200_requests() -> None:
    executor = kit.serve_functions(client, [endless])
    with pytest.raises(kit.KitError, match=r"still running after 200 requests$"):
        executor.run(endless, inngest.Event(name="kit/endless"))


@client.create_function(
    fn_id="always-fails", trigger=inngest.TriggerEvent(event="kit/always-fails")
)
async def always_fails(ctx: inngest.Context) -> None:
    raise RuntimeError("down")


def test_a_function_the_executor_was_not_given_gets_the_server_default() -> None:
    # 4 retries (DefaultRetryCount, pkg/consts/consts.go): 5 attempts in all.
    served = kit.serve_functions(client, [always_fails])
    run = kit.Executor(served.client, []).run(
        always_fails.id, inngest.Event(name="kit/always-fails")
    )
    assert run.status == "Failed"
    assert [e.attempt for e in run.errors] == [0, 1, 2, 3, 4]


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
    fn_id="echo-steps", trigger=inngest.TriggerEvent(event="kit/echo-steps")
)
async def echo_steps(ctx: inngest.Context) -> object:
    both = await ctx.group.parallel(
        (lambda: ctx.step.run("a", _after), lambda: ctx.step.run("b", _after))
    )
    return [*both, await ctx.step.run("c", _after)]


def test_an_invoke_timeout_in_minutes_expires_that_many_minutes_later() -> None:
    before = int(time.time() * 1000)
    expires = kit._expires_at("90m")
    assert before + 90 * 60_000 <= expires <= int(time.time() * 1000) + 90 * 60_000


def test_a_partly_accepted_batch_is_a_400_with_the_accepted_ids(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    import httpx

    inngest_api.accept_at_most = 1
    events = [{"name": "kit/a"}, {"name": "kit/b"}]
    res = httpx.post(inngest_api.url + "/e/key", json=events)
    assert res.status_code == 400
    body = res.json()
    assert (body["status"], body["error"], len(body["ids"])) == (
        400,
        "accepted 1 of 2 events",
        1,
    )
    assert inngest_api.event_names() == ["kit/a"]


def test_a_sync_that_reached_another_api_is_reported(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    other = kit.FakeInngestAPI().start()
    try:
        elsewhere = inngest.Inngest(app_id="kit-elsewhere", api_base_url=other.url)

        @elsewhere.create_function(
            fn_id="x", trigger=inngest.TriggerEvent(event="kit/x")
        )
        async def x(ctx: inngest.Context) -> None:
            return None

        served = kit.serve_functions(elsewhere, [x])
        with pytest.raises(kit.KitError, match="sync failed: 200"):
            kit.sync(served.client, inngest_api)
        assert len(other.syncs) == 1
    finally:
        other.stop()


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


@pytest.mark.parametrize(
    ("timeout", "ms"),
    [
        ("1w", 604_800_000),
        ("3d", 3 * 86_400_000),
        ("2h", 2 * 3_600_000),
        ("90m", 90 * 60_000),
        ("45s", 45_000),
    ],
)
def test_an_invoke_expires_exactly_its_timeout_later(
    timeout: str, ms: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    assert kit._expires_at(timeout) == 1_700_000_000_000 + ms


@pytest.mark.parametrize("size", [1, 300])
def test_an_accepted_batch_is_a_200_with_one_id_per_event(
    inngest_api: kit.FakeInngestAPI, size: int
) -> None:
    import httpx

    batch = [{"name": "kit/a", "data": {"n": n}} for n in range(size)]
    res = httpx.post(inngest_api.url + "/e/key", json=batch)
    assert res.status_code == 200
    body = res.json()
    assert (body["status"], len(set(body["ids"]))) == (200, size)
    assert inngest_api.events == batch


def test_sync_returns_the_latest_sync(inngest_api: kit.FakeInngestAPI) -> None:
    synced = []
    for app_id in ("kit-first", "kit-second"):
        app = inngest.Inngest(app_id=app_id)

        @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
        async def x(ctx: inngest.Context) -> None:
            return None

        synced.append(kit.sync(kit.serve_functions(app, [x]).client, inngest_api))
    assert [s["appname"] for s in synced] == ["kit-first", "kit-second"]


def test_a_run_before_its_first_request_has_no_status_code() -> None:
    run = kit.Run("f", "Running")
    assert (run.requests, run.last_status_code, run.ops, run.errors) == (0, 0, [], [])


def test_attempts_add_step_ops_and_failed_requests_of_one_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # First call: a RetryAfterError, which reaches the server as a failed
    # request; second call: the step's StepRun. Two runs of the body.
    later = inngest.RetryAfterError("later", datetime.timedelta(seconds=1))
    monkeypatch.setattr(
        "tests.testing_kit.test_kit._after", kit.Flaky(1, "done", error=later)
    )
    run = kit.serve_functions(client, [once]).run(once, inngest.Event(name="kit/once"))
    assert run.output == "done"
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", "s")]
    assert run.steps("StepRun") == ["s"]
    assert run.attempts("s") == 2


@client.create_function(fn_id="once", trigger=inngest.TriggerEvent(event="kit/once"))
async def once(ctx: inngest.Context) -> str:
    return await ctx.step.run("s", _after)


calls_of_fan = {"n": 0}


@client.create_function(fn_id="fan", trigger=inngest.TriggerEvent(event="kit/fan"))
async def fan(ctx: inngest.Context) -> object:
    calls_of_fan["n"] += 1
    return await ctx.group.parallel(
        (lambda: ctx.step.run("a", _text_a), lambda: ctx.step.run("b", _flaky_b))
    )


async def _text_a() -> str:
    return "a"


_flaky_b = kit.Flaky(1, "b", error=inngest.RetryAfterError("later", 1000))


def test_a_planned_step_that_fails_is_named_without_asking_the_sdk() -> None:
    # The kit knows which step a planned request ran: no extra probe request,
    # so the function body ran once per request the run sent.
    calls_of_fan["n"] = _flaky_b.calls = 0
    run = kit.serve_functions(client, [fan]).run(fan, inngest.Event(name="kit/fan"))
    assert run.output == ["a", "b"]
    assert [(e.op, e.step_id) for e in run.errors] == [("FunctionError", "b")]
    assert calls_of_fan["n"] == run.requests


@client.create_function(
    fn_id="two-ways",
    trigger=[
        inngest.TriggerEvent(event="kit/two-ways", expression="event.data.n > 0"),
        inngest.TriggerEvent(event="kit/two-ways", expression="event.data.n > 1"),
    ],
)
async def two_ways(ctx: inngest.Context) -> None:
    return None


def test_a_function_two_of_whose_triggers_match_starts_once() -> None:
    event = inngest.Event(name="kit/two-ways", data={"n": 2})
    assert kit.triggered_by([two_ways], event) == [two_ways.id]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("sign", ["unix_seconds"]),
        ("matches", ["event", "awaited"]),
        ("evaluate", ["event", "awaited"]),
        (
            "request_body",
            [
                "steps",
                "stack",
                "attempt",
                "max_attempts",
                "run_id",
                "disable_immediate_execution",
            ],
        ),
        ("serve_functions", ["signing_key", "raise_server_exceptions"]),
        ("Executor.__init__", ["signing_key", "serve_path"]),
        ("Executor.post", ["step"]),
        ("Executor.post_raw", ["step"]),
        ("Executor.run", ["waits", "max_requests", "stop_after", "resume"]),
    ],
)
def test_options_are_keyword_only_and_the_rest_can_be_named(
    name: str, options: list[str]
) -> None:
    fn: Any = kit
    for part in name.split("."):
        fn = getattr(fn, part)
    parameters = inspect.signature(fn).parameters.values()
    keyword_only = inspect.Parameter.KEYWORD_ONLY
    assert [p.name for p in parameters if p.kind is keyword_only] == options
    # None is positional-only: the documented names work in every call.
    assert {p.kind for p in parameters} <= {
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        keyword_only,
    }


def test_the_registered_config_is_the_one_the_app_syncs(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    app = inngest.Inngest(app_id="kit-config")

    @app.create_function(
        fn_id="batched",
        trigger=inngest.TriggerEvent(event="kit/batched"),
        batch_events=inngest.Batch(max_size=10, timeout=datetime.timedelta(seconds=5)),
    )
    async def batched(ctx: inngest.Context) -> None:
        return None

    [synced] = kit.sync(kit.serve_functions(app, [batched]).client, inngest_api)[
        "functions"
    ]
    config = kit.registered_config(batched, app_url="http://testserver")
    assert config == synced
    assert config["batchEvents"] == {"maxSize": 10, "timeout": "5s"}  # the API's names


def test_a_run_stops_once_it_has_made_max_requests() -> None:
    executor = kit.serve_functions(client, [forever])
    event = inngest.Event(name="kit/forever")
    needed = executor.run(forever, event).requests  # ten steps, then the end
    assert needed == 11
    assert executor.run(forever, event, max_requests=needed).completed
    assert executor.run(forever, event, max_requests=needed + 1).completed
    with pytest.raises(kit.KitError, match=f"still running after {needed - 1} "):
        executor.run(forever, event, max_requests=needed - 1)


def test_sync_counts_the_new_sync_however_many_came_before(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    inngest_api.syncs.extend({"appname": f"old-{n}"} for n in range(300))
    app = inngest.Inngest(app_id="kit-latest")

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    assert kit.sync(kit.serve_functions(app, [x]).client, inngest_api)["appname"] == (
        "kit-latest"
    )


@pytest.mark.parametrize(
    ("status", "recorded"), [(199, 1), (201, 1), (500, 1), (200, 2)]
)
def test_a_sync_is_one_registration_answered_200(
    inngest_api: kit.FakeInngestAPI, status: int, recorded: int
) -> None:
    app = fastapi.FastAPI()

    @app.put(kit.SERVE_PATH)
    def register() -> fastapi.Response:
        for _ in range(recorded):  # it reached the API
            inngest_api.syncs.append({"appname": "kit-half"})
        return fastapi.Response("answer", status_code=status)

    with pytest.raises(kit.KitError, match=f"sync failed: {status} answer"):
        kit.sync(TestClient(app), inngest_api)


@client.create_function(
    fn_id="z-then-a", trigger=inngest.TriggerEvent(event="kit/z-then-a")
)
async def z_then_a(ctx: inngest.Context) -> object:
    return [await ctx.step.run(name, _after) for name in ("z", "a", "b")]


def test_a_run_stops_after_the_step_named_not_one_that_sorts_after_it() -> None:
    paused = kit.serve_functions(client, [z_then_a]).run(
        z_then_a, inngest.Event(name="kit/z-then-a"), stop_after="a"
    )
    assert paused.status == "Running"
    assert [(o.op, o.step_id) for o in paused.ops] == [
        ("StepRun", "z"),
        ("StepRun", "a"),
    ]


@pytest.mark.parametrize(
    ("version", "still_forced"), [(1, True), (2, False), (3, False)]
)
def test_a_finished_group_stops_forced_planning_from_request_version_2(
    version: int, still_forced: bool
) -> None:
    state = kit._RunState(kit.Run("f", "Running"), [], 1, {})
    state.request_version, state.force_step_plan = version, True
    state.discover(race=False)
    assert state.force_step_plan is still_forced
    assert len(state.queue) == 2  # and the function is called again


@pytest.mark.parametrize("status", [199, 201, 202, 204, 404])
def test_any_answer_but_200_or_206_is_a_failed_request(status: int) -> None:
    app = fastapi.FastAPI()

    @app.post(kit.SERVE_PATH)
    def execute() -> fastapi.Response:
        return fastapi.Response('{"accepted": true}', status_code=status)

    run = kit.Executor(TestClient(app), []).run("kit-x", inngest.Event(name="kit/x"))
    assert run.status == "Failed"
    # Retried as the server retries a failed request: 5 attempts by default.
    assert [(e.op, e.attempt) for e in run.errors] == [
        ("FunctionError", n) for n in range(5)
    ]


def test_attempts_count_the_named_steps_failed_requests_only() -> None:
    run = kit.Run("f", "Failed")
    run.errors = [
        kit.Op(op="FunctionError", step_id=step, attempt=n)
        for n, step in enumerate(["b", "a", "b", ""])
    ]
    assert [run.attempts(s) for s in ("a", "b", "", "c")] == [1, 2, 1, 0]


def test_a_planned_step_already_queued_or_stored_is_not_queued_again() -> None:
    state = kit._RunState(kit.Run("f", "Running"), [], 1, {})
    planned = kit.Op(op="StepPlanned", step_id="a", attempt=0)
    state.plan("hash-a", planned)
    state.plan("hash-a", planned)  # still queued
    state.store("hash-b", {"data": 1})
    state.plan("hash-b", kit.Op(op="StepPlanned", step_id="b", attempt=0))  # stored
    assert [item.name for item in state.queue] == ["", "a"]  # discovery, then a


@client.create_function(fn_id="waits", trigger=inngest.TriggerEvent(event="kit/waits"))
async def waits_for_reply(ctx: inngest.Context) -> object:
    reply = await ctx.step.wait_for_event(
        "reply",
        event="kit/reply",
        if_exp="async.data.id == event.data.id",
        timeout=datetime.timedelta(hours=1),
    )
    return None if reply is None else {"name": reply.name, "data": reply.data}


def test_only_an_event_with_the_awaited_name_resolves_a_wait() -> None:
    executor = kit.serve_functions(client, [waits_for_reply])
    others = [  # the right id, other names: before and after it in order
        inngest.Event(name=name, data={"id": 7}) for name in ("kit/other", "kit/zzz")
    ]
    reply = inngest.Event(name="kit/reply", data={"id": 7, "ok": True})
    run = executor.run(
        waits_for_reply,
        inngest.Event(name="kit/waits", data={"id": 7}),
        waits={"reply": [*others, reply]},
    )
    assert run.output["name"] == "kit/reply"
    assert run.output["data"] == {"id": 7, "ok": True}


def test_an_invoke_without_a_timeout_expires_exactly_a_year_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    assert kit._expires_at(None) == 1_700_000_000_000 + 365 * 86_400_000


def test_the_app_answers_a_sync_with_what_the_api_answered(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    app = inngest.Inngest(app_id="kit-answer")

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    answer = kit.serve_functions(app, [x]).client.put(kit.SERVE_PATH)
    assert answer.json() == {"ok": True, "modified": True}  # as Inngest answers
