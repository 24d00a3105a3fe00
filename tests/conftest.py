"""Shared fixtures: a stand-in Inngest API on 127.0.0.1 for every test.

Snippet clients are created at import time and read `INNGEST_DEV`, so the
fake API is started (and the variable set) before any snippet is imported.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from snippets.testing_kit.kit import FakeInngestAPI
from tests.site.build import LOCAL_SITE_URL, SharedBuild

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
SITE_URL = (
    os.environ.get("SITE_URL", LOCAL_SITE_URL) if PREBUILT_SITE else LOCAL_SITE_URL
)


@pytest.fixture(scope="session")
def site_build(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[SharedBuild]:
    """The run's one site build, in the folder all xdist workers share."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # every worker's basetemp sits in the run's folder
    build = SharedBuild(shared)
    yield build
    build.close()


@pytest.fixture(scope="session", autouse=True)
def _start_the_site_build_early(
    request: pytest.FixtureRequest, site_build: SharedBuild
) -> None:
    """When any selected test needs the site, start building it with the first
    test, in the background: tests that do not need it run meanwhile."""
    items = request.session.items
    needed = any("built_site" in getattr(i, "fixturenames", ()) for i in items)
    if needed and not PREBUILT_SITE:
        site_build.start()


@pytest.fixture(scope="session")
def built_site(site_build: SharedBuild) -> Path:
    """The site, built once per run with `mkdocs build --strict` (or TEST_SITE_DIR)."""
    if PREBUILT_SITE:
        site = Path(PREBUILT_SITE).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(
                f"TEST_SITE_DIR={PREBUILT_SITE}: no built site there (no index.html)",
                pytrace=False,
            )
        return site
    failure = site_build.wait()
    if failure:
        pytest.fail(f"mkdocs build --strict failed:\n{failure}", pytrace=False)
    return site_build.site
