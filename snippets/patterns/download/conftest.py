"""Test set-up: a stand-in for Inngest's API, started before the app is imported.

The app's client reads `INNGEST_DEV` once, when `leadflow.client` is imported,
so this sets it first: `client.send(...)` and the app's sync then go over HTTP
to the fake API on 127.0.0.1, where a test can inspect them.
"""

# --8<-- [start:conftest]
import os

import pytest

import inngest_kit as kit

API = kit.FakeInngestAPI().start()  # (1)!
os.environ["INNGEST_DEV"] = API.url
for name in (
    "INNGEST_SIGNING_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
    "INNGEST_EVENT_KEY",
):
    os.environ.pop(name, None)  # (2)!


@pytest.fixture
def inngest_api() -> kit.FakeInngestAPI:
    """The fake Inngest API, emptied before each test."""
    API.reset()
    return API


# --8<-- [end:conftest]
