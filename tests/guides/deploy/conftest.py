"""A production-mode environment: keys set, Inngest's API is the local fake."""

import pytest

import inngest_kit as kit
from tests.clock import sdk_now
from tests.guides.deploy.production import KEY, SDK_VARIABLES

__all__ = ["production", "sdk_now"]


@pytest.fixture
def production(
    monkeypatch: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> pytest.MonkeyPatch:
    """Cloud mode with a signing key; syncs and events go to the fake API."""
    for name in SDK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INNGEST_SIGNING_KEY", KEY)
    monkeypatch.setenv("INNGEST_API_BASE_URL", inngest_api.url)
    monkeypatch.setenv("INNGEST_EVENT_API_BASE_URL", inngest_api.url)
    return monkeypatch
