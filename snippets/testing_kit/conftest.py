"""The conftest.py the testing-kit page shows: what a project needs before it
tests its functions with the kit. This site's own suite starts from it
(tests/conftest.py imports it)."""

# --8<-- [start:conftest]
import os

import pytest

import inngest_kit as kit

# Before pytest imports your app: its client reads INNGEST_DEV when it is
# created, and without it runs in production mode (it wants a signing key).
API = kit.FakeInngestAPI().start()
os.environ["INNGEST_DEV"] = API.url


@pytest.fixture
def inngest_api() -> kit.FakeInngestAPI:
    """What your app sent to Inngest (events, syncs), emptied for each test."""
    API.reset()
    return API


# --8<-- [end:conftest]
