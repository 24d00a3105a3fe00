import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError

from snippets.quick_reference import retries
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import registered_config, serve_functions

EVENT = inngest.Event(name="qr/order.placed", data={"order_id": "o-1"})


def _flaky(failures: int) -> object:
    calls = {"n": 0}

    async def provider(order_id: str) -> str:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise ConnectionError("provider timed out")
        return f"charged {order_id}"

    return provider


def test_charges_the_order() -> None:
    run = serve_functions(client, [retries.charge_order]).run(
        retries.charge_order, EVENT
    )
    assert run.output == "charged o-1"


def test_retries_two_means_three_attempts_of_the_failing_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert registered_config(retries.charge_order)["steps"]["step"]["retries"] == {
        "attempts": 2
    }
    monkeypatch.setattr(retries, "call_payment_provider", _flaky(failures=2))
    run = serve_functions(client, [retries.charge_order]).run(
        retries.charge_order, EVENT
    )
    assert run.output == "charged o-1"
    assert [o.op for o in run.ops] == ["StepError", "StepError", "StepRun"]


def test_after_the_last_attempt_the_step_fails_and_so_does_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retries, "call_payment_provider", _flaky(failures=99))
    run = serve_functions(client, [retries.charge_order]).run(
        retries.charge_order, EVENT
    )
    assert [o.op for o in run.ops] == ["StepError", "StepError", "StepFailed"]
    assert run.status == "Failed"
    assert run.error["message"] == "provider timed out"


def test_no_retries_option_sends_no_retry_config() -> None:
    @client.create_function(
        fn_id="defaults", trigger=inngest.TriggerEvent(event="qr/d")
    )
    async def defaults(ctx: inngest.Context) -> None: ...

    # The SDK sends nothing: the Inngest server's default (4 retries) applies.
    assert "retries" not in registered_config(defaults)["steps"]["step"]


def test_negative_retries_fail_when_the_config_is_built_for_the_sync() -> None:
    @client.create_function(
        fn_id="bad-retries", trigger=inngest.TriggerEvent(event="qr/d"), retries=-1
    )
    async def bad(ctx: inngest.Context) -> None: ...

    # No error at definition: only when the serve handler builds the sync payload.
    expected = "attempts: Input should be greater than or equal to 0"
    with pytest.raises(FunctionConfigInvalidError, match=expected):
        registered_config(bad)
