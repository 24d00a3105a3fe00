import asyncio
import dataclasses

import inngest
import pytest

import inngest_kit as kit
from snippets.concepts import payments
from snippets.concepts.client import client

ORDER = inngest.Event(name="shop/order.confirmed", data={"order_id": "o-9"})


@dataclasses.dataclass
class LostResponse(payments.Payments):
    """The first charge goes through, then the connection drops before the reply."""

    dropped: bool = False

    async def charge(self, idempotency_key: str, cents: int) -> str:
        key = await super().charge(idempotency_key, cents)
        if not self.dropped:
            self.dropped = True
            raise ConnectionError("connection reset after the charge")
        return key


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> payments.Payments:
    lossy = LostResponse()
    monkeypatch.setattr(payments, "payments", lossy)
    return lossy


@pytest.mark.parametrize(
    ("fn", "charges"),
    [(payments.charge_order_unsafe, 2), (payments.charge_order, 1)],
    ids=["random-key", "order-key"],
)
def test_a_retried_step_charges_twice_unless_the_key_is_stable(
    fn: inngest.Function[str], charges: int, provider: payments.Payments
) -> None:
    run = kit.serve_functions(client, [fn]).run(fn, ORDER)
    assert run.completed
    assert run.attempts("charge") == 2  # memoization could not help: no result yet
    assert len(provider.charges) == charges
    assert set(provider.charges.values()) == {4999}
    if charges == 1:
        assert provider.charges == {"charge-o-9": 4999}


def test_a_second_delivery_is_a_new_run_only_the_key_dedupes() -> None:
    provider = payments.Payments()
    for fn, expected in [(payments.charge_order_unsafe, 2), (payments.charge_order, 1)]:
        provider.charges.clear()
        executor = kit.serve_functions(client, [fn])
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(payments, "payments", provider)
            for _ in range(2):  # at-least-once: the same event, delivered twice
                assert executor.run(fn, ORDER).completed
        assert len(provider.charges) == expected, fn.id


def test_the_provider_makes_no_second_charge_for_a_key_it_has_seen() -> None:
    provider = payments.Payments()
    assert asyncio.run(provider.charge("charge-o-1", 4999)) == "charge-o-1"
    # Same key again, even with another amount: the first charge stands.
    assert asyncio.run(provider.charge("charge-o-1", 100)) == "charge-o-1"
    assert provider.charges == {"charge-o-1": 4999}
