import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


@pytest.fixture
def run_state_api() -> Iterator[tuple[str, list[str], dict[str, object]]]:
    """Inngest's API for one run's state: its URL, the paths the SDK read, and
    the answers (`batch`: the run's events, `actions`: its stored results)."""
    read: list[str] = []
    answers: dict[str, object] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            read.append(self.path)
            raw = json.dumps(answers[self.path.rsplit("/", 1)[-1]]).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            """Keep test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", read, answers
    server.shutdown()
    server.server_close()


def test_told_to_use_the_api_the_sdk_fetches_the_stored_results(
    run_state_api: tuple[str, list[str], dict[str, object]],
) -> None:
    # Over about 4 MB of state, Inngest sends no results and sets `use_api`.
    url, read, answers = run_state_api
    event = inngest.Event(name="shop/quote.requested")
    memos = {
        kit.hashed_step_id("fetch-price"): {"data": 1200},
        kit.hashed_step_id("add-tax"): {"data": 1440},
    }
    answers.update(batch=[event.model_dump(mode="json")], actions=memos)
    fetching = inngest.Inngest(app_id="concepts", is_production=False, api_base_url=url)
    executor = kit.serve_functions(fetching, [replay.quote_price])
    body = kit.request_body(event, stack=list(memos)) | {"use_api": True}
    status, _, output = executor.post(replay.quote_price.id, body)
    assert (status, output) == (200, 1440)
    assert replay.calls == ["outside steps"]
    assert sorted(read) == ["/v0/runs/run-1/actions", "/v0/runs/run-1/batch"]


def test_tax_is_20_percent_in_whole_cents() -> None:
    tax = asyncio.run(replay.add_tax(1199))
    assert (tax, type(tax)) == (1438, int)  # 1438.8 rounded down by `//`
