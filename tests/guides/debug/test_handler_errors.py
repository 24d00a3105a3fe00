"""Old handler signature, string durations, inngest.errors, RetryAfterError order."""

import asyncio
import datetime
import importlib
import traceback
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError

import inngest_kit as kit
from docsite import paths
from snippets.guides.debug import handler_errors as h
from snippets.guides.debug.app import client
from tests.guides.debug.messages import lines, message


def _run(fn: inngest.Function[Any], **data: str) -> kit.Run:
    return kit.serve_functions(client, [fn]).run(fn, kit.event_for(fn, **data))


def _error_line(run: kit.Run) -> str:
    return f"{run.error['name']}: {run.error['message']}"


def test_old_signature_registers_then_fails_every_run() -> None:
    assert kit.registered_config(h.send_welcome)["id"] == "debug-guide-old-signature"
    run = _run(h.send_welcome)
    assert run.status == "Failed"
    assert run.requests == kit.SERVER_DEFAULT_RETRIES + 1  # retried, uselessly
    assert _error_line(run) == message("old-signature")


def test_only_the_calling_convention_changed() -> None:
    # Called the old way, with a separate step object, the body itself works.
    async def run(step_id: str, handler: Callable[[], Awaitable[str]]) -> str:
        return await handler()

    handler: Any = h.send_welcome._handler  # the undecorated function
    assert asyncio.run(handler(None, SimpleNamespace(run=run))) == "sent"


def test_new_signature_runs() -> None:
    assert _run(h.send_welcome_fixed).output == "sent"


def test_string_duration_fails_at_run_time_not_at_definition() -> None:
    run = _run(h.cool_off)
    assert run.status == "Failed"
    assert run.requests == 1  # retries=0
    assert run.steps() == []  # the sleep was never planned
    assert _error_line(run) == lines("string-duration")[0]


@client.create_function(
    fn_id="string-wait-timeout",
    trigger=inngest.TriggerEvent(event="debug/string-wait-timeout"),
    retries=0,
)
async def await_reply_string(ctx: inngest.Context) -> None:
    await ctx.step.wait_for_event("reply", event="debug/reply", timeout="24h")  # type: ignore[arg-type]


@client.create_function(
    fn_id="string-invoke-timeout",
    trigger=inngest.TriggerEvent(event="debug/string-invoke-timeout"),
    retries=0,
)
async def invoke_string(ctx: inngest.Context) -> None:
    await ctx.step.invoke_by_id("call", function_id="hello", timeout="24h")  # type: ignore[arg-type]


@pytest.mark.parametrize("fn", [await_reply_string, invoke_string])
def test_a_string_wait_or_invoke_timeout_fails_at_run_time(
    fn: inngest.Function[None],
) -> None:
    run = _run(fn)
    assert run.status == "Failed"
    assert run.steps() == []  # the step was never planned
    assert _error_line(run) == lines("string-duration")[1]


def test_an_option_model_refuses_a_string_duration_when_built() -> None:
    page = " ".join((paths.DOCS / "guides" / "debug.md").read_text().split())
    assert '(`Debounce(period="30s")`: last line)' in page
    with pytest.raises(FunctionConfigInvalidError) as info:
        inngest.Debounce(period="30s")  # type: ignore[arg-type]
    shown = traceback.format_exception_only(info.value)[-1].rstrip()
    assert shown == lines("string-duration")[2]


def test_timedelta_duration_plans_a_sleep() -> None:
    before = datetime.datetime.now(datetime.UTC)
    run = _run(h.cool_off_fixed)
    assert run.completed
    [sleep] = [o for o in run.ops if o.op == "Sleep"]
    assert sleep.step_id == "wait-24h"
    # The op's name is the wake-up time, in UTC.
    assert sleep.name is not None
    wake = datetime.datetime.fromisoformat(sleep.name)
    hours = (wake - before) / datetime.timedelta(hours=1)
    assert 23.9 < hours < 24.1


def test_a_string_request_timeout_is_ignored_silently() -> None:
    # Typed int | timedelta; a string falls through to the 30 s default, no error.
    as_string = inngest.Inngest(app_id="t", is_production=False, request_timeout="5s")  # type: ignore[arg-type]
    as_ms = inngest.Inngest(app_id="t", is_production=False, request_timeout=5_000)
    assert (as_string._httpx_timeout, as_ms._httpx_timeout) == (30.0, 5.0)


def test_inngest_errors_does_not_exist() -> None:
    with pytest.raises(ModuleNotFoundError) as info:
        importlib.import_module("inngest.errors")
    assert f"ModuleNotFoundError: {info.value}" == message("errors-module")
    assert vars(h)["NonRetriableError"] is inngest.NonRetriableError
    assert vars(h)["RetryAfterError"] is inngest.RetryAfterError


def test_retry_after_arguments_swapped_crash_the_sdk() -> None:
    # Built silently: the message is "1h" and retry_after is a str.
    err = inngest.RetryAfterError("1h", "Rate limited")  # type: ignore[arg-type]
    assert (str(err), vars(err)["retry_after"]) == ("1h", "Rate limited")
    with pytest.raises(AttributeError) as info:
        _run(h.call_api)
    crashed = kit.serve_functions(client, [h.call_api], raise_server_exceptions=False)
    run = crashed.run(h.call_api, kit.event_for(h.call_api))
    assert run.requests == 1  # retries=0
    shown = [f"AttributeError: {info.value}", f"{run.last_status_code} {run.error}"]
    assert shown == lines("retry-after-order")
    assert "retry-after" not in run.last_headers


def test_retry_after_in_the_right_order_sets_the_retry_after_header() -> None:
    before = datetime.datetime.now(datetime.UTC)
    run = _run(h.call_api_fixed, account_id="a-1")
    assert run.error["code"] == "retry_after_error"
    assert run.error["message"] == "Rate limited"
    # The quota step's result was stored before the error: a retry reuses it.
    [quota] = [o.data for o in run.ops if o.step_id == "fetch-quota"]
    assert quota == {"status": 429, "remaining": 0}
    retry_at = datetime.datetime.fromisoformat(run.last_headers["retry-after"])
    assert (
        datetime.timedelta(minutes=59)
        < retry_at - before
        < datetime.timedelta(minutes=61)
    )
    assert "x-inngest-no-retry" not in run.last_headers


@pytest.mark.parametrize("status", [200, 503])  # only a 429 is a rate limit
def test_without_a_rate_limit_the_response_is_returned(
    status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def ok() -> dict[str, int]:
        return {"status": status, "remaining": 9}

    monkeypatch.setattr(h, "fetch_quota", ok)
    assert _run(h.call_api_fixed, account_id="a-1").output == {
        "status": status,
        "remaining": 9,
    }


def test_non_retriable_error_is_not_retried() -> None:
    run = _run(h.call_api_fixed)
    assert (run.status, run.requests) == ("Failed", 1)
    assert run.error["message"] == "account_id is required"
    assert run.last_headers["x-inngest-no-retry"] == "true"


@pytest.mark.parametrize(
    ("duration", "message"),
    [
        ("24h", "unsupported operand type(s) for +: 'datetime.datetime' and 'str'"),
        (1.5, "unsupported operand type(s) for +: 'datetime.datetime' and 'float'"),
    ],
)
def test_string_and_float_durations_fail_every_attempt(
    duration: object, message: str
) -> None:
    @client.create_function(
        fn_id=f"bad-sleep-{type(duration).__name__}",
        trigger=inngest.TriggerEvent(event="debug/bad-sleep"),
    )
    async def bad_sleep(ctx: inngest.Context) -> None:
        await ctx.step.sleep("nap", duration)  # type: ignore[arg-type]

    run = kit.serve_functions(client, [bad_sleep]).run(
        bad_sleep, inngest.Event(name="debug/bad-sleep")
    )
    assert run.status == "Failed"
    assert (run.error["name"], run.error["message"]) == ("TypeError", message)
    # No no-retry header: the server retries, and every attempt fails the same way.
    assert "x-inngest-no-retry" not in run.last_headers
    assert run.requests == 5
