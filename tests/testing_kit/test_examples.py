"""Runs the reader-facing tests of snippets/testing_kit/examples.py, and
checks that each of them fails when what it checks is wrong."""

import asyncio
import gc
import inspect
import sys
import warnings
from collections.abc import Callable
from typing import Any

import inngest
import pytest
from inngest.experimental import mocked

import inngest_kit as kit
from snippets.testing_kit import examples
from snippets.testing_kit.examples import (
    test_a_flaky_charge_is_retried,
    test_checkout_completes_when_the_shipment_is_confirmed,
    test_checkout_times_out_without_a_shipment,
    test_mocked_with_step_stubs,
    test_the_registered_config,
)

__all__ = [
    "test_a_flaky_charge_is_retried",
    "test_checkout_completes_when_the_shipment_is_confirmed",
    "test_checkout_times_out_without_a_shipment",
    "test_mocked_with_step_stubs",
    "test_the_registered_config",
]


def test_every_example_test_is_collected_here() -> None:
    shown = {name for name in dir(examples) if name.startswith("test_")}
    assert shown == set(__all__)


def test_the_wait_gives_up_after_3_days() -> None:
    run = kit.serve_functions(examples.client, [examples.checkout]).run(
        examples.checkout, examples.STARTED, waits={"wait-for-shipment": []}
    )
    [wait] = [op for op in run.ops if op.op == "WaitForEvent"]
    assert (wait.name, wait.opts) == (
        "shop/shipment.confirmed",
        {"if": "async.data.order_id == event.data.order_id", "timeout": "3d"},
    )


# A reader's test that cannot fail checks nothing: each fails on a wrong result.
Change = Callable[[kit.Run], None]


def _tamper_runs(monkeypatch: pytest.MonkeyPatch, change: Change) -> None:
    """Every run the kit returns goes through `change` first."""
    real = kit.Executor.run

    def run(self: kit.Executor, *args: Any, **kwargs: Any) -> kit.Run:
        result = real(self, *args, **kwargs)
        change(result)
        return result

    monkeypatch.setattr(kit.Executor, "run", run)


def _output(**changed: object) -> Change:
    def change(run: kit.Run) -> None:
        assert isinstance(run.output, dict)
        run.output = {**run.output, **changed}

    return change


def _extra_op(op: str, step_id: str) -> Change:
    return lambda run: run.ops.append(kit.Op(op, step_id, attempt=1))


def _without_op(step_id: str) -> Change:
    def change(run: kit.Run) -> None:
        run.ops = [o for o in run.ops if o.step_id != step_id]

    return change


@pytest.mark.parametrize(
    ("reader_test", "change"),
    [
        pytest.param(
            test_checkout_completes_when_the_shipment_is_confirmed,
            _extra_op("StepRun", "audit"),
            id="one step more",
        ),
        pytest.param(
            test_checkout_completes_when_the_shipment_is_confirmed,
            _without_op("wait-for-shipment"),
            id="one step fewer",
        ),
        pytest.param(
            test_checkout_completes_when_the_shipment_is_confirmed,
            _output(shipped=1),
            id="shipped is 1, not true",
        ),
        pytest.param(
            test_checkout_times_out_without_a_shipment,
            _output(shipped=0),
            id="shipped is 0, not false",
        ),
        pytest.param(
            test_a_flaky_charge_is_retried,
            _extra_op("StepError", "charge-card"),
            id="one charge attempt more than calls",
        ),
        pytest.param(
            test_a_flaky_charge_is_retried,
            _without_op("charge-card"),
            id="fewer charge attempts than calls",
        ),
        pytest.param(
            test_a_flaky_charge_is_retried,
            _extra_op("StepError", "reserve-stock"),
            id="reserve-stock run twice",
        ),
        pytest.param(
            test_a_flaky_charge_is_retried,
            _without_op("reserve-stock"),
            id="reserve-stock never run",
        ),
        pytest.param(
            test_a_flaky_charge_is_retried, _output(charge="ch-8"), id="charge ch-8"
        ),
        pytest.param(
            test_a_flaky_charge_is_retried, _output(charge="ch-90"), id="charge ch-90"
        ),
    ],
)
def test_each_replay_test_fails_on_a_wrong_run(
    reader_test: Callable[..., None], change: Change, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tamper_runs(monkeypatch, change)
    wants = inspect.signature(reader_test).parameters
    args = (monkeypatch,) if "monkeypatch" in wants else ()
    with pytest.raises(AssertionError):
        reader_test(*args)


@pytest.mark.parametrize("failures", [1, 3], ids=["2 calls", "4 calls"])
def test_the_flaky_test_fails_unless_the_charge_ran_3_times(
    failures: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    flaky = kit.Flaky
    monkeypatch.setattr(kit, "Flaky", lambda _, result: flaky(failures, result))
    with pytest.raises(AssertionError):
        test_a_flaky_charge_is_retried(monkeypatch)


@pytest.mark.parametrize(
    "changed",
    [
        {"triggers": []},
        {"triggers": [{"event": "shop/checkout.started"}, {"event": "shop/other"}]},
        {"steps": {"step": {"retries": {"attempts": 4}}}},
    ],
    ids=["no trigger", "a second trigger", "4 attempts"],
)
def test_the_config_test_fails_on_another_config(
    changed: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kit.registered_config

    def registered_config(fn: inngest.Function[Any]) -> kit.Json:
        config = real(fn)
        assert isinstance(config, dict)
        return {**config, **changed}

    monkeypatch.setattr(kit, "registered_config", registered_config)
    with pytest.raises(AssertionError):
        test_the_registered_config()


def test_the_mocked_test_fails_on_another_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = mocked.trigger

    def trigger(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        assert isinstance(result.output, dict)
        result.output = {**result.output, "charge": "real"}
        return result

    monkeypatch.setattr(mocked, "trigger", trigger)
    with pytest.raises(AssertionError):
        test_mocked_with_step_stubs()


def _mocked_checkout() -> None:
    mocked.trigger(
        examples.checkout,
        examples.STARTED,
        examples.mock_client,
        step_stubs={
            "charge-card": {"order_id": "o-1", "charge": "stubbed"},
            "wait-for-shipment": mocked.Timeout,
        },
    )


def unclosed_loop_warnings(call: Callable[[], None]) -> list[str]:
    """The ResourceWarnings after `call` runs with no current
    loop (as after any `asyncio.run`) and the garbage is collected."""
    asyncio.set_event_loop(None)
    hook = sys.unraisablehook
    # A loop collected here may also fail in its __del__ (a loop another test
    # left behind, its selector already closed): not what this counts.
    sys.unraisablehook = lambda unraisable: None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
            gc.collect()
    finally:
        sys.unraisablehook = hook
    return [str(w.message) for w in caught if w.category is ResourceWarning]


def test_mocked_leaves_a_loop_unclosed_without_the_kits_loop() -> None:
    # With no current loop, mocked.trigger makes one and never closes it
    # (inngest/experimental/mocked/trigger.py); collected, it warns, which a
    # suite with warnings as errors reports as a failure.
    warned = unclosed_loop_warnings(_mocked_checkout)
    assert any(w.startswith("unclosed event loop") for w in warned), warned

    def with_the_kits_loop() -> None:
        with kit.event_loop():
            _mocked_checkout()

    assert unclosed_loop_warnings(with_the_kits_loop) == []
