import inngest
import pytest
from inngest.experimental import mocked

import inngest_kit as kit
from snippets.concepts import retries
from snippets.concepts.client import client

ORDER = inngest.Event(name="shop/order.placed", data={"order_id": "o-1"})


def test_a_failing_step_is_retried_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    reserve = kit.Flaky(0, "reservation-o-1")
    charge = kit.Flaky(2, "charge-o-1")
    monkeypatch.setattr(retries, "reserve_stock", reserve)
    monkeypatch.setattr(retries, "charge_card", charge)
    run = kit.serve_functions(client, [retries.place_order]).run(
        retries.place_order, ORDER
    )
    assert run.output == ["reservation-o-1", "charge-o-1"]
    assert (reserve.calls, charge.calls) == (1, 3)
    assert [(o.op, o.step_id) for o in run.ops] == [
        ("StepRun", "reserve-stock"),
        ("StepError", "charge-card"),
        ("StepError", "charge-card"),
        ("StepRun", "charge-card"),
    ]


def test_the_sdk_sends_no_retries_so_the_server_default_applies() -> None:
    step = kit.registered_config(retries.place_order)["steps"]["step"]
    assert "retries" not in step

    @client.create_function(
        fn_id="explicit", trigger=inngest.TriggerEvent(event="shop/x"), retries=2
    )
    async def explicit(ctx: inngest.Context) -> None:
        return None

    config = kit.registered_config(explicit)
    assert config["steps"]["step"]["retries"] == {"attempts": 2}


def test_by_default_a_step_runs_five_times_then_the_run_fails() -> None:
    # The server default (Inngest docs): 4 retries after the first attempt.
    run = kit.serve_functions(client, [retries.place_order]).run(
        retries.place_order, ORDER
    )
    assert run.status == "Failed"
    assert run.attempts("charge-card") == 5
    assert run.attempts("reserve-stock") == 1
    assert run.error["name"] == "ConnectionError"


def test_the_sdks_own_simulator_uses_the_same_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charge = kit.Flaky(99)
    monkeypatch.setattr(retries, "charge_card", charge)
    with kit.event_loop():
        result = mocked.trigger(retries.place_order, ORDER, mocked.Inngest(app_id="t"))
    assert result.status is mocked.Status.FAILED
    assert charge.calls == 5
