import inngest
import pytest

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


def test_is_production_argument_overrides_inngest_dev(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INNGEST_DEV", "1")
    assert inngest.Inngest(
        app_id="x", is_production=True, signing_key=SIGNING_KEY
    ).is_production
