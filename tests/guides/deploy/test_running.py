"""Running the app: stateless workers, streaming, sync functions, blocking I/O."""

import asyncio
import itertools
import json
import logging
from collections.abc import Callable

import inngest
import pytest
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.main import main as uvicorn_cli

import inngest_kit as kit
from docsite import paths
from snippets.guides.deploy import config, running
from tests.guides.deploy.production import KEY, shell_command

RUN_SH = paths.SNIPPETS / "guides" / "deploy" / "run.sh"
PAID = inngest.Event(name="shop/order.paid", data={"order_id": "o-1"})
PACKED = inngest.Event(name="shop/order.packed", data={"order_id": "o-1"})


class RoundRobin:
    """A load balancer in front of several app instances: each request goes
    to the next one, as with several uvicorn workers or containers."""

    def __init__(self, **instances: ASGIApp) -> None:
        self._next = itertools.cycle(instances.items())
        self.served: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name, app = next(self._next)
        self.served.append(name)
        await app(scope, receive, send)


def test_the_uvicorn_command_parses() -> None:
    words = shell_command(RUN_SH, "uvicorn")
    assert words[0] == "uvicorn"
    context = uvicorn_cli.make_context("uvicorn", words[1:])
    assert context.params["workers"] == 4
    assert context.params["app"] == "shop.main:app"


def test_two_instances_serve_the_steps_of_one_run(
    production: pytest.MonkeyPatch,
) -> None:
    # Two processes: each builds its own client, functions and app.
    balancer = RoundRobin(
        a=config.create_app(config.create_client()),
        b=config.create_app(config.create_client()),
    )
    executor = kit.Executor(TestClient(balancer), [], signing_key=KEY)
    run = executor.run("shop-ship-order", PAID)
    assert run.output == "parcel for o-1 handed over"
    assert run.steps() == ["pack", "hand-over"]
    assert balancer.served == ["a", "b", "a"]  # three requests, both instances


def test_streaming_answers_201_and_sends_the_result_after_keepalive_bytes(
    production: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(
        logging.WARNING
    )  # a Celery worker in the run may raise the root level
    client = config.create_client()
    slow = running.async_functions(client)[1]  # its step takes 300 ms
    app = running.create_streaming_app(client, [slow])
    body = kit.canonical_json(kit.request_body(PACKED))
    raw = TestClient(app).post(
        "/api/inngest",
        params={"fnId": slow.id, "stepId": "step"},
        content=body,
        headers={
            "content-type": "application/json",
            "x-inngest-signature": kit.sign(body, KEY),
        },
    )
    assert raw.status_code == 201
    assert raw.text.startswith(" ")  # a keepalive byte while the step runs
    envelope = json.loads(raw.text)
    assert envelope["status"] == 206  # the real answer, inside the body
    [op] = json.loads(envelope["body"])
    assert (op["displayName"], op["data"]) == ("print", "label for o-1")
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "Streaming responses are enabled" in warned


def test_streaming_applies_to_async_functions_only(
    production: pytest.MonkeyPatch,
) -> None:
    client = config.create_client()
    [print_label] = running.sync_functions(client)  # a `def` function
    app = running.create_streaming_app(client, [print_label])
    executor = kit.Executor(TestClient(app), [print_label], signing_key=KEY)
    status, _, ops = executor.post(print_label.id, kit.request_body(PACKED))
    assert status == 206  # the plain answer: no 201, no keepalive bytes
    assert [(op["displayName"], op["data"]) for op in ops] == [
        ("print", "label for o-1")
    ]


@pytest.mark.parametrize("value", ["force", "allow"])
def test_streaming_from_the_environment(
    production: pytest.MonkeyPatch, value: str
) -> None:
    production.setenv("INNGEST_STREAMING", value)
    app = config.create_app(config.create_client())
    executor = kit.Executor(TestClient(app), [], signing_key=KEY)
    assert executor.post("shop-ship-order", kit.request_body(PAID))[0] == 201


def _recording(calls: list[bool]) -> Callable[[str], str]:
    """Wraps the blocking call: records whether it ran on an event loop thread."""
    original = running.read_label_printer

    def recorded(order_id: str) -> str:
        try:
            asyncio.get_running_loop()
            calls.append(True)
        except RuntimeError:
            calls.append(False)
        return original(order_id)

    return recorded


def _print_label_on_loop(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Run the sync function once; where did its blocking call run?"""
    on_loop: list[bool] = []
    monkeypatch.setattr(running, "read_label_printer", _recording(on_loop))
    client = inngest.Inngest(app_id="shop-sync")
    functions = running.sync_functions(client)
    run = kit.serve_functions(client, functions).run(functions[0], PACKED)
    assert run.output == "label for o-1"
    return on_loop


def test_a_sync_function_runs_in_the_thread_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A worker thread: the event loop stays free.
    assert _print_label_on_loop(monkeypatch) == [False]


def test_without_the_thread_pool_a_sync_function_blocks_the_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INNGEST_THREAD_POOL_MAX_WORKERS", "0")
    assert _print_label_on_loop(monkeypatch) == [True]


def _blocked_ms(executor: kit.Executor, fn_id: str) -> int:
    """How long the step's request blocked the event loop, as the SDK reports it."""
    status, headers, _ = executor.post(fn_id, kit.request_body(PACKED))
    assert status == 206
    timings = dict(
        part.strip().split(";dur=") for part in headers["server-timing"].split(",")
    )
    return int(timings["async_block"])


def test_blocking_io_in_an_async_step_blocks_the_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_loop: list[bool] = []
    monkeypatch.setattr(running, "read_label_printer", _recording(on_loop))
    client = inngest.Inngest(app_id="shop-async")
    blocking, threaded = running.async_functions(client)
    executor = kit.serve_functions(client, [blocking, threaded])
    # The body sleeps 300 ms; the SDK counts what exceeds its 100 ms ticks.
    assert 150 <= _blocked_ms(executor, blocking.id) < 1_000
    assert on_loop == [True]
    on_loop.clear()
    assert _blocked_ms(executor, threaded.id) < 150
    assert on_loop == [False]
    assert executor.run(threaded, PACKED).output == "label for o-1"


def test_only_post_and_put_answers_measure_the_blocked_loop(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    # A GET is served by the SDK's sync handler, which never starts the timer.
    client = inngest.Inngest(app_id="shop-async")
    executor = kit.serve_functions(client, running.async_functions(client))
    timings = {
        method: executor.client.request(method, executor.serve_path).headers[
            "server-timing"
        ]
        for method in ("GET", "PUT")
    }
    assert "async_block" not in timings["GET"]
    assert "comm_handler;dur=" in timings["GET"]
    assert "async_block;dur=" in timings["PUT"]
