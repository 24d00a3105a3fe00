"""Inngest Connect, offline: what the worker registers, and how it shuts down."""

import asyncio
import runpy
import signal
import sys
import types
from collections.abc import Iterator
from typing import Any

import inngest.connect
import pytest
from inngest.connect._internal import connect_pb2, init_handshake_handler
from inngest.connect._internal.connection import WorkerConnection

import inngest_kit as kit
from snippets.guides.deploy import connect


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """connect() installs SIGTERM/SIGINT handlers: put pytest's back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_the_worker_registers_the_functions_over_a_websocket(
    production: pytest.MonkeyPatch, signal_handlers: None
) -> None:
    production.setenv("HOSTNAME", "worker-7")
    worker = connect.create_worker()
    assert worker.get_state() is inngest.connect.ConnectionState.CONNECTING
    [fn] = worker._app_configs["shop"].functions  # type: ignore[attr-defined]
    assert fn.id == "shop-ship-order"
    runtime = fn.steps["step"].runtime
    assert (runtime.type, runtime.url) == (
        "ws",
        "wss://connect?fnId=shop-ship-order&stepId=step",
    )
    assert worker._instance_id == "worker-7"  # type: ignore[attr-defined]


def test_the_worker_sends_its_concurrency_limit_when_it_connects(
    production: pytest.MonkeyPatch, signal_handlers: None
) -> None:
    # The SDK only passes the limit on, in the message that connects the
    # worker; Inngest decides how many steps to send it.
    production.setenv("INNGEST_CONNECT_MAX_WORKER_CONCURRENCY", "4")
    worker: Any = connect.create_worker()
    message = init_handshake_handler._create_sync_message(
        app_configs=worker._app_configs,
        auth_data=connect_pb2.AuthData(),
        connection_id="conn-1",
        env=None,
        instance_id="worker-7",
        max_worker_concurrency=worker._max_worker_concurrency,
    )
    assert not isinstance(message, Exception)
    assert message.kind == connect_pb2.GatewayMessageType.WORKER_CONNECT
    payload = connect_pb2.WorkerConnectRequestData.FromString(message.payload)
    assert payload.max_worker_concurrency == 4


def test_the_worker_needs_the_signing_key_too(
    production: pytest.MonkeyPatch, signal_handlers: None
) -> None:
    production.delenv("INNGEST_SIGNING_KEY")
    with pytest.raises(Exception) as info:  # noqa: PT011 (the class is private)
        connect.create_worker()
    assert type(info.value).__name__ == "SigningKeyMissingError"


def test_sigterm_closes_the_worker(
    monkeypatch: pytest.MonkeyPatch,
    inngest_api: kit.FakeInngestAPI,
    signal_handlers: None,
) -> None:
    # Dev mode against the local stand-in API: the worker dials out, is refused
    # (the stand-in has no Connect gateway) and keeps trying until SIGTERM.
    workers: list[WorkerConnection] = []
    real_create_worker = connect.create_worker

    def keep_a_handle() -> WorkerConnection:
        workers.append(real_create_worker())
        return workers[-1]

    monkeypatch.setattr(connect, "create_worker", keep_a_handle)

    def dialing() -> bool:
        """The worker runs: its connection thread has started."""
        thread = getattr(workers[0], "_thread", None) if workers else None
        return thread is not None and thread.is_alive()

    async def deploy_stops_the_container() -> None:
        running = asyncio.create_task(connect.main())
        async with asyncio.timeout(10):
            while not dialing():  # noqa: ASYNC110 (a thread's state: no event to await)
                await asyncio.sleep(0.01)
        signal.raise_signal(signal.SIGTERM)
        await asyncio.wait_for(running, timeout=10)

    asyncio.run(deploy_stops_the_container())
    assert workers[0].get_state() is inngest.connect.ConnectionState.CLOSED


def test_run_as_a_module_it_starts_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m <package>.connect`, as a module of the app's package."""
    started: list[str] = []

    def run(main: "types.CoroutineType[Any, Any, None]") -> None:
        started.append(main.cr_code.co_qualname)
        main.close()

    monkeypatch.setattr(asyncio, "run", run)
    # As `python -m` finds it: not yet imported (runpy warns otherwise).
    monkeypatch.delitem(sys.modules, connect.__name__)
    runpy.run_module(connect.__name__, run_name="__main__")
    assert started == ["main"]
