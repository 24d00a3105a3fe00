"""A production-mode environment: keys set, Inngest's API is the local fake."""

import shlex
from pathlib import Path

import pytest

from snippets.testing_kit import kit
from tests.site import sources

KEY = "signkey-prod-" + "ab" * 32
OLD_KEY = "signkey-prod-" + "cd" * 32

# Every variable the pinned SDK reads that a test here may set.
_SDK_VARIABLES = (
    "INNGEST_DEV",
    "INNGEST_ENV",
    "INNGEST_SIGNING_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
    "INNGEST_EVENT_KEY",
    "INNGEST_SERVE_ORIGIN",
    "INNGEST_SERVE_PATH",
    "INNGEST_STREAMING",
    "INNGEST_ENABLE_UNAUTHED_SYNC",
    "INNGEST_THREAD_POOL_MAX_WORKERS",
    "INNGEST_CONNECT_MAX_WORKER_CONCURRENCY",
    "RAILWAY_GIT_BRANCH",
    "RENDER_GIT_BRANCH",
    "VERCEL_GIT_COMMIT_REF",
    "GIT_SHA",
)


@pytest.fixture
def production(
    monkeypatch: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> pytest.MonkeyPatch:
    """Cloud mode with a signing key; syncs and events go to the fake API."""
    for name in _SDK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INNGEST_SIGNING_KEY", KEY)
    monkeypatch.setenv("INNGEST_API_BASE_URL", inngest_api.url)
    monkeypatch.setenv("INNGEST_EVENT_API_BASE_URL", inngest_api.url)
    return monkeypatch


def shell_command(path: Path, section: str) -> list[str]:
    """The one command of a shell snippet section, split as the shell would."""
    lines = sources.section_text(path, section).splitlines()
    [command] = [line for line in lines if line and not line.startswith("#")]
    return shlex.split(command)
