import asyncio

import inngest
import pytest

import inngest_kit as kit
from snippets.concepts import replay
from snippets.concepts.client import client


@pytest.fixture(autouse=True)
def _fresh_calls() -> None:
    replay.calls.clear()


def test_step_bodies_run_once_code_outside_steps_runs_on_every_call() -> None:
    run = kit.serve_functions(client, [replay.quote_price]).run(
        replay.quote_price, inngest.Event(name="shop/quote.requested")
    )
    assert run.output == 1440
    # Three HTTP calls: one per step, then one that returns the result.
    assert run.requests == 3
    assert replay.calls == [
        "outside steps",
        "fetch-price(sku-1)",
        "outside steps",
        "add-tax(1200)",
        "outside steps",
    ]


def test_a_call_with_both_steps_memoized_runs_no_step_body() -> None:
    executor = kit.serve_functions(client, [replay.quote_price])
    memos = {
        kit.hashed_step_id("fetch-price"): {"data": 1200},
        kit.hashed_step_id("add-tax"): {"data": 1440},
    }
    body = kit.request_body(
        inngest.Event(name="shop/quote.requested"), steps=memos, stack=list(memos)
    )
    status, _, output = executor.post(replay.quote_price.id, body)
    assert (status, output) == (200, 1440)
    assert replay.calls == ["outside steps"]


def test_tax_is_20_percent_in_whole_cents() -> None:
    tax = asyncio.run(replay.add_tax(1199))
    assert (tax, type(tax)) == (1438, int)  # 1438.8 rounded down by `//`
