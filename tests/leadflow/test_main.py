"""`uvicorn snippets.leadflow.main:app` serves the webhooks and the Inngest endpoint."""

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

import inngest_kit as kit
from snippets.leadflow.events import NewLead
from tests.leadflow.samples import example


@pytest.fixture
def live_url() -> Iterator[str]:
    """The app running under a real uvicorn server on a free local port."""
    config = uvicorn.Config("snippets.leadflow.main:app", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_uvicorn_serves_the_app_like_the_dev_server_sees_it(
    live_url: str, inngest_api: kit.FakeInngestAPI
) -> None:
    probe = httpx.get(f"{live_url}/api/inngest").json()
    assert (probe["mode"], probe["function_count"]) == ("dev", 6)
    assert httpx.put(f"{live_url}/api/inngest").status_code == 200
    [synced] = inngest_api.syncs
    assert synced["url"] == f"{live_url}/api/inngest"
    res = httpx.post(f"{live_url}/webhooks/leads", json=example(NewLead))
    assert res.status_code == 202
    assert inngest_api.event_names() == ["api/new-lead", "workflow/new-lead"]
