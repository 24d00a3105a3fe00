import datetime

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import errors
from snippets.guides.improve.client import client


def _order(amount_cents: int) -> inngest.Event:
    return inngest.Event(
        name="shop/order.placed", data={"order_id": "o-1", "amount_cents": amount_cents}
    )


def _run(amount_cents: int) -> kit.Run:
    return kit.serve_functions(client, [errors.charge_order]).run(
        errors.charge_order, _order(amount_cents)
    )


@pytest.mark.parametrize("amount_cents", [1, 1999])
def test_a_good_order_is_charged(amount_cents: int) -> None:
    assert _run(amount_cents).output == {"charge_id": "ch_o-1"}


@pytest.mark.parametrize("amount_cents", [0, -500])
def test_non_retriable_error_fails_the_run_on_the_first_attempt(
    amount_cents: int,
) -> None:
    run = _run(amount_cents)
    assert run.status == "Failed"
    assert run.requests == 1
    assert run.last_headers["x-inngest-no-retry"] == "true"
    assert run.error["code"] == "non_retriable_error"
    assert run.error["message"] == "o-1: amount must be positive"


AT = datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        (datetime.timedelta(seconds=30), datetime.timedelta(seconds=30)),
        (30_000, datetime.timedelta(seconds=30)),  # int = milliseconds
        (1_500, datetime.timedelta(seconds=1.5)),  # fractions of a second too
        (AT, AT),  # an absolute time is sent as is
    ],
    ids=["timedelta", "int-ms", "fraction", "datetime"],
)
def test_retry_after_error_tells_the_server_when_to_retry(
    monkeypatch: pytest.MonkeyPatch,
    retry_after: datetime.timedelta | int | datetime.datetime,
    expected: datetime.timedelta | datetime.datetime,
) -> None:
    async def rate_limited(order_id: str, amount_cents: int) -> dict[str, str]:
        raise errors.RateLimited(retry_after)

    monkeypatch.setattr(errors, "call_payments_api", rate_limited)
    before = datetime.datetime.now(datetime.UTC)
    run = _run(1999)
    after = datetime.datetime.now(datetime.UTC)
    assert run.status == "Failed"
    assert run.requests == 5  # retriable: no retries= set, the default 4 apply
    assert run.last_status_code == 500
    assert "x-inngest-no-retry" not in run.last_headers
    assert run.error["code"] == "retry_after_error"
    assert run.error["message"] == "payments API rate limit"
    wake = datetime.datetime.fromisoformat(run.last_headers["retry-after"])
    ms = datetime.timedelta(milliseconds=1)  # the header has millisecond precision
    if isinstance(expected, datetime.datetime):
        assert wake == expected
    else:
        assert before + expected - ms <= wake <= after + expected


def test_rate_limited_once_then_charged(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = errors.call_payments_api

    async def once(order_id: str, amount_cents: int) -> dict[str, str]:
        calls.append(order_id)
        if len(calls) == 1:
            raise errors.RateLimited(datetime.timedelta(seconds=1))
        return await original(order_id, amount_cents)

    monkeypatch.setattr(errors, "call_payments_api", once)
    run = _run(1999)
    assert run.output == {"charge_id": "ch_o-1"}
    assert len(calls) == 2
