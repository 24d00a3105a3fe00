"""Test set-up for Inngest functions: the testing kit's stand-in for Inngest's
API, started before your app is imported."""

# --8<-- [start:conftest]
import os

import pytest

import inngest_kit as kit

# Before pytest imports your app: its client reads INNGEST_DEV when it is
# created, and without it runs in production mode (it wants a signing key).
API = kit.FakeInngestAPI().start()
os.environ["INNGEST_DEV"] = API.url
# Keys set in your shell must not change what the tests run.
for name in (
    "INNGEST_SIGNING_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
    "INNGEST_EVENT_KEY",
):
    os.environ.pop(name, None)


@pytest.fixture
def inngest_api() -> kit.FakeInngestAPI:
    """What your app sent to Inngest (events, syncs), emptied for each test."""
    API.reset()
    return API


# --8<-- [end:conftest]
