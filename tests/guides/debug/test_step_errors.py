"""Non-JSON step output, asyncio.gather, nested steps, state lost across steps."""

import asyncio
import logging
from typing import Any

import inngest
import pytest
from inngest.experimental import mocked

import inngest_kit as kit
from snippets.guides.debug import step_errors as s
from snippets.guides.debug.app import client
from tests.guides.debug.messages import message


def _run(fn: inngest.Function[Any]) -> kit.Run:
    return kit.serve_functions(client, [fn]).run(fn, kit.event_for(fn))


def test_a_datetime_step_output_is_unserializable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    run = _run(s.report_age)
    assert run.status == "Failed"
    assert run.error["name"] == "OutputUnserializableError"
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert logged == [message("unserializable")]
    # No x-inngest-no-retry header: the server would retry it anyway...
    assert "x-inngest-no-retry" not in run.last_headers
    # ... but this function has retries=0, so the first attempt is the only one.
    assert kit.registered_config(s.report_age)["steps"]["step"]["retries"] == {
        "attempts": 0
    }
    assert run.requests == 1


def _mocked(fn: inngest.Function[Any]) -> Any:
    mock = mocked.Inngest(app_id="debug-guide", is_production=False)
    with kit.event_loop():
        return mocked.trigger(fn, kit.event_for(fn), mock)


def test_mocked_trigger_does_not_catch_unserializable_output() -> None:
    result = _mocked(s.report_age)
    assert result.status is mocked.Status.COMPLETED


def test_an_iso_string_round_trips() -> None:
    assert _run(s.report_age_fixed).output == "2024-05-01T12:00:00+00:00"
    # The fix changes the type the step returns, not the moment it returns.
    broken = asyncio.run(s.fetch_created_at())
    assert broken.isoformat() == asyncio.run(s.fetch_created_at_iso())


def test_gather_runs_steps_one_at_a_time_and_repeats_a_body() -> None:
    s.calls.clear()
    run = _run(s.notify_all_gather)
    assert run.output == ["sent by email", "sent by sms"]
    assert run.steps() == ["email", "sms"]  # no StepPlanned: not parallel
    assert s.calls == ["email", "sms", "sms"]  # the sms body ran twice


def test_group_parallel_plans_both_steps_and_runs_each_body_once() -> None:
    s.calls.clear()
    run = _run(s.notify_all)
    assert run.output == ["sent by email", "sent by sms"]
    assert run.steps("StepPlanned") == ["email", "sms"]
    assert sorted(s.calls) == ["email", "sms"]


def test_a_step_inside_a_step_fails_the_run() -> None:
    run = _run(s.onboard_nested)
    assert run.status == "Failed"
    [op] = run.ops
    assert (op.op, op.step_id) == ("StepError", "onboard")
    assert op.error["code"] == "step_nested"
    assert op.error["message"] == message("nested-steps")
    assert run.error["message"] == message("nested-steps")


def test_mocked_trigger_reports_a_nested_step_differently() -> None:
    result = _mocked(s.onboard_nested)
    assert result.status is mocked.Status.FAILED
    assert type(result.error).__name__ == "StepUnexpectedError"
    assert (
        str(result.error) == 'found step "send-welcome" when targeting a different step'
    )


def test_sequential_steps_work() -> None:
    run = _run(s.onboard)
    assert run.output == "welcome sent to u1@example.com"
    assert run.steps() == ["load-user", "send-welcome"]


def test_a_variable_set_inside_a_step_is_lost_on_replay() -> None:
    run = _run(s.welcome_lost)
    assert run.steps() == ["load-user"]  # the step ran and was memoized
    assert run.status == "Failed"
    assert run.requests == 2  # the step, then one replay that fails (retries=0)
    assert f"{run.error['name']}: {run.error['message']}" == message("lost-variable")


def test_the_return_value_survives_replay() -> None:
    run = _run(s.welcome)
    assert run.output == "welcome sent to U1@EXAMPLE.COM"


def test_a_step_id_that_changes_between_requests_fails_the_run() -> None:
    run = _run(s.notify_unique)
    [email, sms] = run.steps("StepPlanned")
    assert email.startswith("email-")
    assert len(email) == len("email-") + 36  # a uuid4
    assert sms == "sms"
    # The next request targets the planned email step: its id is new by then,
    # so the SDK finds the step after the group instead.
    assert run.status == "Failed"
    assert run.requests == 2  # the plan, then the failure (retries=0)
    assert f"{run.error['name']}: {run.error['message']}" == message("step-unexpected")


def test_a_step_id_from_the_event_is_the_same_in_every_request() -> None:
    s.calls.clear()
    fn = s.notify_user
    run = kit.serve_functions(client, [fn]).run(fn, kit.event_for(fn, user_id="u1"))
    assert run.output == "sent by log"
    assert run.steps("StepPlanned") == ["email-u1", "sms"]
    assert sorted(s.calls) == ["email", "log", "sms"]
