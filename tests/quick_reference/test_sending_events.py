import asyncio

import inngest
import pytest

from inngest_kit import FakeInngestAPI
from snippets.quick_reference import sending_events
from snippets.quick_reference.client import client


def test_send_returns_the_event_ids(inngest_api: FakeInngestAPI) -> None:
    ids = asyncio.run(sending_events.signup_completed("u1", "a@x.io"))
    assert len(ids) == 1
    assert inngest_api.event_names() == ["qr/user.signed-up"]
    assert inngest_api.events[0]["data"] == {"user_id": "u1", "email": "a@x.io"}
    # In Dev Server mode the SDK uses a placeholder event key.
    assert inngest_api.event_keys == ["NO_EVENT_KEY_SET"]


def test_send_many_in_one_request(inngest_api: FakeInngestAPI) -> None:
    ids = asyncio.run(sending_events.import_finished(["u1", "u2", "u3"]))
    assert len(set(ids)) == 3  # one id per event
    assert inngest_api.event_names() == ["qr/user.imported"] * 3
    assert [e["data"] for e in inngest_api.events] == [
        {"user_id": "u1"},
        {"user_id": "u2"},
        {"user_id": "u3"},
    ]
    assert len(inngest_api.event_keys) == 1  # one HTTP request for the batch


def test_send_sync_for_sync_code(inngest_api: FakeInngestAPI) -> None:
    assert len(sending_events.signup_completed_sync("u1")) == 1
    # The same event as the async example sends, from a plain function.
    assert inngest_api.event_names() == ["qr/user.signed-up"]
    assert inngest_api.events[0]["data"] == {"user_id": "u1"}


def test_forgetting_await_sends_nothing(inngest_api: FakeInngestAPI) -> None:
    pending = client.send(inngest.Event(name="qr/user.signed-up"))
    assert asyncio.iscoroutine(pending)
    pending.close()
    assert inngest_api.events == []


def test_event_data_must_be_json() -> None:
    import datetime

    with pytest.raises(ValueError, match="data"):
        inngest.Event(name="qr/x", data={"at": datetime.datetime.now()})  # type: ignore[dict-item]
