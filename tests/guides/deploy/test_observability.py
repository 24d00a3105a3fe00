"""Observability: the SDK's Sentry middleware (ctx.logger is the debug guide's)."""

import contextlib
import functools
import logging
from collections.abc import Iterator
from typing import Any

import inngest
import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

import inngest_kit as kit
from snippets.guides.deploy import observability

PLACED = inngest.Event(name="shop/order.placed", data={"order_id": "o-1"})


class MemoryTransport(Transport):
    """sentry-sdk's transport interface, keeping envelopes instead of sending them."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    def errors(self) -> list[Any]:
        events = [e.get_event() for e in self.envelopes]
        return [e for e in events if e is not None and "exception" in e]


@contextlib.contextmanager
def _sentry_started(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryTransport]:
    """Sentry initialised by the page's code, with an in-memory transport."""
    monkeypatch.setenv("SENTRY_DSN", "https://public@sentry.example.com/1")
    monkeypatch.setenv("GIT_SHA", "4f2c1e9")
    transport = MemoryTransport()
    init = functools.partial(sentry_sdk.init, transport=transport)
    monkeypatch.setattr(sentry_sdk, "init", init)
    observability.init_sentry()
    assert sentry_sdk.is_initialized()
    try:
        yield transport
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)  # later tests report nothing


@pytest.fixture
def sentry(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryTransport]:
    """Sentry as the page starts it, outside any named Inngest environment."""
    monkeypatch.delenv("INNGEST_ENV", raising=False)
    with _sentry_started(monkeypatch) as transport:
        yield transport


@pytest.mark.parametrize(
    ("inngest_env", "environment"),
    [(None, "production"), ("", "production"), ("pr-42", "pr-42")],
)
def test_the_sentry_environment_is_the_inngest_environment(
    monkeypatch: pytest.MonkeyPatch, inngest_env: str | None, environment: str
) -> None:
    if inngest_env is None:
        monkeypatch.delenv("INNGEST_ENV", raising=False)
    else:
        monkeypatch.setenv("INNGEST_ENV", inngest_env)
    with _sentry_started(monkeypatch):
        assert sentry_sdk.get_client().options["environment"] == environment


def test_sentry_gets_every_failed_attempt_with_the_run_as_tags(
    sentry: MemoryTransport,
) -> None:
    client = observability.create_client()
    [charge_order] = observability.payment_functions(client)
    run = kit.serve_functions(client, [charge_order]).run(charge_order, PLACED)
    assert run.status == "Failed"
    errors = sentry.errors()
    reported = [
        f"{e['exception']['values'][-1]['type']}: {e['exception']['values'][-1]['value']}"
        for e in errors
    ]
    # Two attempts of the step (retries=1), then the run's failure.
    assert reported == [
        "RuntimeError: card declined for o-1",
        "RuntimeError: card declined for o-1",
        "StepError: card declined for o-1",
    ]
    tags = errors[-1]["tags"]
    assert tags["inngest.app.id"] == "shop"
    assert tags["inngest.function.id"] == "charge-order"
    assert tags["inngest.event.name"] == "shop/order.placed"
    assert len(tags["inngest.run.id"]) == 26  # a ULID, as the server's run ids
    assert tags["inngest.run.id"] == run.run_id
    assert errors[-1]["release"] == "4f2c1e9"
    assert errors[-1]["environment"] == "production"


def test_a_run_that_recovers_reports_only_the_failed_attempt(
    sentry: MemoryTransport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(observability, "charge_card", kit.Flaky(1, "charged o-1"))
    client = observability.create_client()
    [charge_order] = observability.payment_functions(client)
    run = kit.serve_functions(client, [charge_order]).run(charge_order, PLACED)
    assert run.output == "charged o-1"
    [error] = sentry.errors()
    assert error["exception"]["values"][-1]["value"] == "simulated failure 1 of 1"


def test_without_sentry_init_the_middleware_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(
        logging.WARNING
    )  # a Celery worker in the run may raise the root level
    client = observability.create_client()
    [charge_order] = observability.payment_functions(client)
    kit.serve_functions(client, [charge_order]).run(charge_order, PLACED)
    warned = {r.getMessage() for r in caplog.records if r.levelno == logging.WARNING}
    assert "Sentry SDK is not initialized" in warned
