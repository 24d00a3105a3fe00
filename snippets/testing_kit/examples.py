"""How-to for the testing kit: one function, tested by replay and by `mocked`.

The `test_*` functions are what a reader copies; tests/testing_kit/test_examples.py
collects and runs them.
"""

# --8<-- [start:function]
import datetime

import inngest

client = inngest.Inngest(app_id="shop")


async def reserve_stock(sku: str) -> dict[str, str]:
    return {"sku": sku, "reservation": "r-1"}


async def charge_card(order_id: str) -> dict[str, str]:
    return {"order_id": order_id, "charge": "ch-1"}


@client.create_function(
    fn_id="checkout",
    trigger=inngest.TriggerEvent(event="shop/checkout.started"),
    retries=3,
)
async def checkout(ctx: inngest.Context) -> dict[str, object]:
    order_id = str(ctx.event.data["order_id"])
    reservation = await ctx.step.run("reserve-stock", reserve_stock, "sku-1")
    charge = await ctx.step.run("charge-card", charge_card, order_id)
    shipped = await ctx.step.wait_for_event(
        "wait-for-shipment",
        event="shop/shipment.confirmed",
        if_exp="async.data.order_id == event.data.order_id",
        timeout=datetime.timedelta(days=3),
    )
    return {**reservation, **charge, "shipped": shipped is not None}


# --8<-- [end:function]


# --8<-- [start:replay]
import pytest  # noqa: E402

import inngest_kit as kit  # noqa: E402

STARTED = inngest.Event(name="shop/checkout.started", data={"order_id": "o-1"})
SHIPPED = inngest.Event(name="shop/shipment.confirmed", data={"order_id": "o-1"})


def test_checkout_completes_when_the_shipment_is_confirmed() -> None:
    executor = kit.serve_functions(client, [checkout])  # (1)!
    run = executor.run(checkout, STARTED, waits={"wait-for-shipment": [SHIPPED]})
    assert run.completed
    assert run.steps() == ["reserve-stock", "charge-card", "wait-for-shipment"]
    assert run.output["shipped"] is True


def test_checkout_times_out_without_a_shipment() -> None:
    executor = kit.serve_functions(client, [checkout])
    run = executor.run(checkout, STARTED, waits={"wait-for-shipment": []})  # (2)!
    assert run.output["shipped"] is False


def test_a_flaky_charge_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    flaky = kit.Flaky(2, {"order_id": "o-1", "charge": "ch-9"})  # (3)!
    monkeypatch.setattr(f"{__name__}.charge_card", flaky)
    executor = kit.serve_functions(client, [checkout])
    run = executor.run(checkout, STARTED, waits={"wait-for-shipment": [SHIPPED]})
    assert run.attempts("charge-card") == flaky.calls == 3
    assert run.attempts("reserve-stock") == 1  # memoized, not run again
    assert run.output["charge"] == "ch-9"


def test_the_registered_config() -> None:
    config = kit.registered_config(checkout)  # (4)!
    assert config["triggers"] == [{"event": "shop/checkout.started"}]
    assert config["steps"]["step"]["retries"] == {"attempts": 3}


# --8<-- [end:replay]


# --8<-- [start:mocked]
from inngest.experimental import mocked  # noqa: E402

mock_client = mocked.Inngest(app_id="shop", is_production=False)  # (1)!


def test_mocked_with_step_stubs() -> None:  # (2)!
    with kit.event_loop():  # (3)!
        result = mocked.trigger(
            checkout,
            STARTED,
            mock_client,
            step_stubs={  # (4)!
                "charge-card": {"order_id": "o-1", "charge": "stubbed"},
                "wait-for-shipment": mocked.Timeout,  # (5)!
            },
        )
    assert result.status is mocked.Status.COMPLETED
    assert result.output == {
        "sku": "sku-1",
        "reservation": "r-1",
        "order_id": "o-1",
        "charge": "stubbed",
        "shipped": False,
    }


# --8<-- [end:mocked]
