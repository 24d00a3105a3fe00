"""Runs the limit-demonstrating tests of snippets/testing_kit/limits.py, and
checks that each of them fails when the limit it shows is not there."""

import datetime
from collections.abc import Callable
from typing import Any

import inngest
import pytest
from inngest.experimental import mocked

import inngest_kit as kit
from snippets.testing_kit import limits
from snippets.testing_kit.limits import (
    test_mocked_needs_a_sync_test,
    test_mocked_retries_a_non_retriable_error,
    test_mocked_send_returns_placeholder_ids,
    test_mocked_skips_json_serialization,
    test_replay_does_not_enforce_flow_control,
    test_replay_does_not_wait_for_timers,
)

__all__ = [
    "test_mocked_needs_a_sync_test",
    "test_mocked_retries_a_non_retriable_error",
    "test_mocked_send_returns_placeholder_ids",
    "test_mocked_skips_json_serialization",
    "test_replay_does_not_enforce_flow_control",
    "test_replay_does_not_wait_for_timers",
]


def test_every_limit_is_collected_here() -> None:
    shown = {name for name in dir(limits) if name.startswith("test_")}
    assert shown == set(__all__)


def test_mocked_hands_the_datetime_itself_to_the_function() -> None:
    with kit.event_loop():
        result = mocked.trigger(
            limits.returns_datetime,
            inngest.Event(name="limits/datetime"),
            limits.mock_client,
        )
    assert result.output == "2024-05-01T00:00:00+00:00"


def test_mocked_runs_a_def_function_from_an_async_test() -> None:
    # Only an `async def` function needs mocked's own loop; a `def` one is
    # called with fn.call_sync (inngest/experimental/mocked/trigger.py).
    @limits.client.create_function(
        fn_id="adds", trigger=inngest.TriggerEvent(event="limits/adds")
    )
    def adds(ctx: inngest.ContextSync) -> int:
        return ctx.step.run("sum", lambda: 2 + 3)

    async def inside_a_running_loop() -> None:
        event = inngest.Event(name="limits/adds")
        result = mocked.trigger(adds, event, limits.mock_client)
        assert (result.status, result.output) == (mocked.Status.COMPLETED, 5)

    with kit.event_loop() as loop:
        loop.run_until_complete(inside_a_running_loop())


def test_the_real_run_fails_on_its_one_attempt() -> None:
    run = kit.serve_functions(limits.client, [limits.returns_datetime]).run(
        limits.returns_datetime, inngest.Event(name="limits/datetime")
    )
    assert run.status == "Failed"
    assert [(e.op, e.attempt) for e in run.errors] == [("FunctionError", 0)]
    assert run.requests == 1  # retries=0: no second attempt


def test_the_cool_off_sleeps_30_days() -> None:
    before = datetime.datetime.now(datetime.UTC)
    run = kit.serve_functions(limits.client, [limits.one_at_a_time]).run(
        limits.one_at_a_time,
        inngest.Event(name="limits/one-at-a-time", data={"user_id": "u1"}),
    )
    after = datetime.datetime.now(datetime.UTC)
    [sleep] = [op for op in run.ops if op.op == "Sleep"]
    assert sleep.name is not None
    wake = datetime.datetime.fromisoformat(sleep.name.replace("Z", "+00:00"))
    days = datetime.timedelta(days=30)
    # The SDK reports the wake-up time in whole milliseconds.
    assert before + days - datetime.timedelta(milliseconds=1) <= wake <= after + days


def test_the_flow_control_test_runs_two_runs_for_one_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[object] = []
    real = kit.Executor.run

    def run(self: kit.Executor, fn: Any, event: inngest.Event, **kw: Any) -> kit.Run:
        started.append(event.data["user_id"])
        return real(self, fn, event, **kw)

    monkeypatch.setattr(kit.Executor, "run", run)
    test_replay_does_not_enforce_flow_control()
    assert started == ["u1", "u1"]  # "both ran": two runs with the limit of 1


# A limit shown by a test that cannot fail shows nothing: each fails on a wrong result.
Change = Callable[[Any], None]


def _tamper(
    monkeypatch: pytest.MonkeyPatch, target: Any, name: str, change: Change
) -> None:
    """What `target.name(...)` returns goes through `change` first."""
    real = getattr(target, name)

    def tampered(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        change(result)
        return result

    monkeypatch.setattr(target, name, tampered)


def _set(**values: object) -> Change:
    def change(result: Any) -> None:
        for name, value in values.items():
            setattr(result, name, value)

    return change


def _error_name(name: str) -> Change:
    def change(run: kit.Run) -> None:
        assert isinstance(run.error, dict)
        run.error = {**run.error, "name": name}

    return change


def _more_calls(run: object) -> None:
    limits.calls.append("refuses")


def _fewer_calls(run: object) -> None:
    limits.calls.pop()


def _sleeps(*step_ids: str) -> Change:
    def change(run: kit.Run) -> None:
        others = [o for o in run.ops if o.op != "Sleep"]
        run.ops = others + [kit.Op("Sleep", s, attempt=0) for s in step_ids]

    return change


ZERO_ID = "00000000000000000000000000"
EXECUTOR_RUN = (kit.Executor, "run")
MOCKED_TRIGGER = (mocked, "trigger")


@pytest.mark.parametrize(
    ("limit_test", "where", "change"),
    [
        pytest.param(
            test_mocked_skips_json_serialization,
            EXECUTOR_RUN,
            _error_name("OutputUnserializableErrors"),
            id="another error, sorted after",
        ),
        pytest.param(
            test_mocked_skips_json_serialization,
            EXECUTOR_RUN,
            _error_name("FunctionError"),
            id="another error, sorted before",
        ),
        pytest.param(
            test_mocked_send_returns_placeholder_ids,
            MOCKED_TRIGGER,
            _set(output=[ZERO_ID] * 5),
            id="5 ids",
        ),
        pytest.param(
            test_mocked_send_returns_placeholder_ids,
            MOCKED_TRIGGER,
            _set(output=[ZERO_ID] * 3),
            id="3 ids",
        ),
        pytest.param(
            test_mocked_retries_a_non_retriable_error,
            MOCKED_TRIGGER,
            _more_calls,
            id="6 mocked calls",
        ),
        pytest.param(
            test_mocked_retries_a_non_retriable_error,
            MOCKED_TRIGGER,
            _fewer_calls,
            id="4 mocked calls",
        ),
        pytest.param(
            test_mocked_retries_a_non_retriable_error,
            EXECUTOR_RUN,
            _set(requests=2),
            id="2 requests",
        ),
        pytest.param(
            test_mocked_retries_a_non_retriable_error,
            EXECUTOR_RUN,
            _set(requests=0),
            id="no request",
        ),
        pytest.param(
            test_replay_does_not_wait_for_timers,
            EXECUTOR_RUN,
            _sleeps("cool-off", "cool-off"),
            id="two sleeps",
        ),
        pytest.param(
            test_replay_does_not_wait_for_timers,
            EXECUTOR_RUN,
            _sleeps(),
            id="no sleep",
        ),
    ],
)
def test_each_limit_test_fails_on_a_wrong_result(
    limit_test: Callable[[], None],
    where: tuple[Any, str],
    change: Change,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _tamper(monkeypatch, *where, change)
    with pytest.raises(AssertionError):
        limit_test()


@pytest.mark.parametrize(
    "concurrency",
    [
        [],
        [{"limit": 1, "key": "event.data.user_id"}, {"limit": 9}],
        [{"limit": 2, "key": "event.data.user_id"}],
    ],
    ids=["none", "a second limit", "a limit of 2"],
)
def test_the_flow_control_test_fails_on_another_limit(
    concurrency: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    def change(config: Any) -> None:
        config["concurrency"] = concurrency

    _tamper(monkeypatch, kit, "registered_config", change)
    with pytest.raises(AssertionError):
        test_replay_does_not_enforce_flow_control()
