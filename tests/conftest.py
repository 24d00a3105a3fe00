"""Shared fixtures: a stand-in Inngest API on 127.0.0.1 for every test.

Snippet clients are created at import time and read `INNGEST_DEV`, so the
fake API is started (and the variable set) before any other snippet is
imported: by the testing-kit page's conftest.py, which gives `inngest_api`.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from docsite import paths
from snippets.testing_kit.conftest import inngest_api  # noqa: F401  the page's conftest
from tests.shared_tls import share_tls_contexts
from tests.site.build import PREBUILT_SITE, SharedBuild

share_tls_contexts()
for _name in (
    "INNGEST_SIGNING_KEY",
    "INNGEST_EVENT_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
):
    os.environ.pop(_name, None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` first (in their order), then the rest: pytest-xdist
    hands tests out in this order, so the long ones overlap with short ones
    instead of leaving one worker busy at the end while the other waits."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


@pytest.fixture
def scratch_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`docs/page.md` of a scratch docs folder (for checks that read pages)."""
    monkeypatch.setattr(paths, "DOCS", tmp_path)
    return tmp_path / "page.md"
