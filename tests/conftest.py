"""Shared fixtures: a stand-in Inngest API on 127.0.0.1 for every test.

Snippet clients are created at import time and read `INNGEST_DEV`, so the
fake API is started (and the variable set) before any snippet is imported.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docsite import paths
from docsite.urls import LOCAL_SITE_URL
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": LOCAL_SITE_URL,
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture
def scratch_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`docs/page.md` of a scratch docs folder (for checks that read pages)."""
    monkeypatch.setattr(paths, "DOCS", tmp_path)
    return tmp_path / "page.md"
