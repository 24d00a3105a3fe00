"""The reference app, driven through its own serve endpoint."""

from collections.abc import Iterator
from typing import Any

import inngest
import pydantic
import pytest
from starlette.testclient import TestClient

from snippets.leadflow import main, registry, services
from snippets.testing_kit import kit


def example(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """The model's first schema example, validated and dumped as JSON data."""
    raw = model.model_json_schema()["examples"][0]
    return model.model_validate(raw).model_dump(mode="json")


def event(name: str, model: type[pydantic.BaseModel], **changes: Any) -> inngest.Event:
    """An event named `name` whose data is the model's example (with changes)."""
    return inngest.Event(name=name, data={**example(model), **changes})


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
