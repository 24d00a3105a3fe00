"""Shared fixtures: a stand-in Inngest API on 127.0.0.1 for every test.

Snippet clients are created at import time and read `INNGEST_DEV`, so the
fake API is started (and the variable set) before any snippet is imported.
"""

import fcntl
import os
import subprocess
import sys
from pathlib import Path

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


# A site `make build` already made, to test instead of building one: CI builds
# once, tests that build and deploys it. SITE_URL must then be the one it was
# built with: links, sitemap and canonical URLs are checked against it.
PREBUILT_SITE = os.environ.get("TEST_SITE_DIR", "")
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
SITE_URL = (
    os.environ.get("SITE_URL", LOCAL_SITE_URL) if PREBUILT_SITE else LOCAL_SITE_URL
)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site, built once per run with `mkdocs build --strict`.

    The first pytest-xdist worker to get here builds it into the run's shared
    temporary folder; the others wait for that build (a file lock) and reuse it.
    """
    if PREBUILT_SITE:
        site = Path(PREBUILT_SITE).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(
                f"TEST_SITE_DIR={PREBUILT_SITE}: no built site there (no index.html)",
                pytrace=False,
            )
        return site
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # every worker's basetemp sits in the run's folder
    out, log = shared / "site", shared / "site-build.log"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            log.write_text(build_site(out))
    failure = log.read_text()
    if failure:
        pytest.fail(f"mkdocs build --strict failed:\n{failure}", pytrace=False)
    return out


def build_site(out: Path) -> str:
    """Build into `out`; '' on success, else what mkdocs printed."""
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
    return "" if result.returncode == 0 else result.stderr or "(no output)"
