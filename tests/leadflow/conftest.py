"""The reference app, driven through its own serve endpoint."""

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.leadflow import main, registry, services


@pytest.fixture
def app_client() -> TestClient:
    return TestClient(main.app)


@pytest.fixture
def executor(app_client: TestClient) -> kit.Executor:
    return kit.Executor(app_client, registry.functions)


@pytest.fixture(autouse=True)
def outbox() -> Iterator[list[dict[str, str]]]:
    services.OUTBOX.clear()
    services.REPLIES.clear()
    yield services.OUTBOX
    services.OUTBOX.clear()
    services.REPLIES.clear()
