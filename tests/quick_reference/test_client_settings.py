import asyncio

import fastapi
import inngest
import inngest.fast_api
import pytest
from inngest._internal.errors import EventKeyUnspecifiedError, SigningKeyMissingError

from inngest_kit import FakeInngestAPI
from snippets.quick_reference import client_settings

SIGNING_KEY = "signkey-prod-" + "12" * 32


@pytest.fixture
def cloud_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No INNGEST_DEV: what a production container sees."""
    monkeypatch.delenv("INNGEST_DEV")
    return monkeypatch


def test_inngest_dev_selects_dev_server_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNGEST_DEV", "1")
    assert client_settings.create_client().is_production is False


def test_without_inngest_dev_the_client_is_in_cloud_mode(
    cloud_env: pytest.MonkeyPatch,
) -> None:
    assert client_settings.create_client().is_production is True


def test_cloud_mode_without_signing_key_fails_at_serve(
    cloud_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_settings.create_client()
    with pytest.raises(SigningKeyMissingError) as info:
        inngest.fast_api.serve(fastapi.FastAPI(), client, [])
    assert str(info.value) == ""  # the exception has no message ...
    assert "missing signing key" in caplog.text  # ... the log line says why


def test_cloud_mode_without_event_key_fails_at_send(
    cloud_env: pytest.MonkeyPatch,
) -> None:
    cloud_env.setenv("INNGEST_SIGNING_KEY", SIGNING_KEY)
    client = client_settings.create_client()
    with pytest.raises(EventKeyUnspecifiedError):
        asyncio.run(client.send(inngest.Event(name="qr/x")))


def test_keys_come_from_the_environment(
    cloud_env: pytest.MonkeyPatch, inngest_api: FakeInngestAPI
) -> None:
    cloud_env.setenv("INNGEST_SIGNING_KEY", SIGNING_KEY)
    cloud_env.setenv("INNGEST_EVENT_KEY", "test-event-key")
    cloud_env.setenv("INNGEST_BASE_URL", inngest_api.url)
    client = client_settings.create_client()
    assert client.signing_key == SIGNING_KEY
    asyncio.run(client.send(inngest.Event(name="qr/x")))
    assert inngest_api.event_keys == ["test-event-key"]


def test_fallback_key_for_rotation_is_read_from_the_environment(
    cloud_env: pytest.MonkeyPatch,
) -> None:
    cloud_env.setenv("INNGEST_SIGNING_KEY", SIGNING_KEY)
    cloud_env.setenv("INNGEST_SIGNING_KEY_FALLBACK", "signkey-prod-" + "34" * 32)
    assert (
        client_settings.create_client().signing_key_fallback
        == "signkey-prod-" + "34" * 32
    )


def test_is_production_argument_overrides_inngest_dev(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INNGEST_DEV", "1")
    assert inngest.Inngest(
        app_id="x", is_production=True, signing_key=SIGNING_KEY
    ).is_production
