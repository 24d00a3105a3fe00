"""Shared fixtures: a stand-in Inngest API on 127.0.0.1 for every test.

Snippet clients are created at import time and read `INNGEST_DEV`, so the
fake API is started (and the variable set) before any snippet is imported.
"""

import os

import pytest

from snippets.testing_kit.kit import FakeInngestAPI

_API = FakeInngestAPI().start()
os.environ["INNGEST_DEV"] = _API.url
for _name in (
    "INNGEST_SIGNING_KEY",
    "INNGEST_EVENT_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
):
    os.environ.pop(_name, None)


@pytest.fixture
def inngest_api() -> FakeInngestAPI:
    """The fake Inngest API, emptied before each test."""
    _API.reset()
    return _API
