import datetime
import importlib

import inngest
import pytest
from starlette.testclient import TestClient

from snippets.quick_reference import errors
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import Executor, request_body, serve_functions

QUEUED = inngest.Event(
    name="qr/webhook.queued", data={"url": "https://example.com/hook"}
)


def test_the_errors_import_from_the_top_level_package() -> None:
    names = vars(errors)
    assert names["NonRetriableError"] is inngest.NonRetriableError
    assert names["RetryAfterError"] is inngest.RetryAfterError
    assert names["StepError"] is inngest.StepError


def test_there_is_no_inngest_errors_module() -> None:
    with pytest.raises(ModuleNotFoundError, match=r"No module named 'inngest\.errors'"):
        importlib.import_module("inngest.errors")


def test_happy_path() -> None:
    run = serve_functions(client, [errors.deliver_webhook]).run(
        errors.deliver_webhook, QUEUED
    )
    assert run.output == "delivered to https://example.com/hook"


def test_non_retriable_error_stops_the_run_at_once() -> None:
    run = serve_functions(client, [errors.deliver_webhook]).run(
        errors.deliver_webhook, inngest.Event(name="qr/webhook.queued")
    )
    assert run.status == "Failed"
    assert run.requests == 1
    assert run.last_headers["x-inngest-no-retry"] == "true"
    assert run.error["code"] == "non_retriable_error"


def test_retry_after_error_tells_the_server_when(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def limited(url: str) -> str:
        raise errors.RateLimited(120)

    monkeypatch.setattr(errors, "call_api", limited)
    executor = serve_functions(client, [errors.deliver_webhook])
    before = datetime.datetime.now(datetime.UTC)
    status, headers, body = executor.post(
        errors.deliver_webhook.id, request_body([QUEUED])
    )
    assert status == 500
    assert body["code"] == "retry_after_error"
    assert body["message"] == "receiver is rate limiting us"
    retry_at = datetime.datetime.fromisoformat(
        headers["retry-after"].replace("Z", "+00:00")
    )
    wait = retry_at - before
    assert datetime.timedelta(seconds=119) < wait < datetime.timedelta(seconds=125)


def test_the_seeds_argument_order_is_accepted_then_crashes_the_response() -> None:
    wrong = inngest.RetryAfterError("1h", "Rate limited")  # type: ignore[arg-type]
    assert wrong.message == "1h"  # built silently, arguments swapped

    @client.create_function(
        fn_id="wrong-order", trigger=inngest.TriggerEvent(event="qr/w")
    )
    async def wrong_order(ctx: inngest.Context) -> None:
        raise wrong

    executor = serve_functions(client, [wrong_order])
    event = inngest.Event(name="qr/w")
    with pytest.raises(
        AttributeError, match="'str' object has no attribute 'astimezone'"
    ):
        executor.post(wrong_order.id, request_body([event]))
    # What the server gets: FastAPI's bare 500, no SDK body, no retry-after.
    quiet = Executor(TestClient(executor.client.app, raise_server_exceptions=False), [])
    status, headers, body = quiet.post(wrong_order.id, request_body([event]))
    assert (status, body) == (500, "Internal Server Error")
    assert "retry-after" not in headers


def test_a_failed_step_raises_step_error_into_the_function(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def down(email: str) -> dict[str, object]:
        raise ConnectionError("enrichment API down")

    monkeypatch.setattr(errors, "lookup_company", down)
    run = serve_functions(client, [errors.enrich_contact]).run(
        errors.enrich_contact,
        inngest.Event(name="qr/contact.created", data={"email": "a@x.io"}),
    )
    assert run.output == {"enriched": False}
    assert [o.op for o in run.ops] == ["StepFailed"]
    assert run.ops[0].error["name"] == "ConnectionError"


def test_enrichment_succeeds_when_the_api_is_up() -> None:
    run = serve_functions(client, [errors.enrich_contact]).run(
        errors.enrich_contact,
        inngest.Event(name="qr/contact.created", data={"email": "a@x.io"}),
    )
    assert run.output == {"email": "a@x.io", "company": "x.io"}


def test_non_retriable_error_inside_a_step_also_stops_the_run() -> None:
    async def reject() -> str:
        raise inngest.NonRetriableError("card declined")

    @client.create_function(
        fn_id="in-step", trigger=inngest.TriggerEvent(event="qr/is")
    )
    async def in_step(ctx: inngest.Context) -> str:
        return await ctx.step.run("charge", reject)

    run = serve_functions(client, [in_step]).run(in_step, inngest.Event(name="qr/is"))
    assert (run.status, run.requests) == ("Failed", 1)
    assert run.error["message"] == "card declined"
