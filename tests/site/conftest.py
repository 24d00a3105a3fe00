"""The built site (strict, once per session) and the browser that visits it."""

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import Browser, expect, sync_playwright

from docsite.paths import ROOT
from tests.site.build import SITE_URL
from tests.site.visits import (
    TIMEOUT_MS,
    Tabs,
    Visit,
    chromium_path,
    close_visit,
    new_tab,
    open_visit,
    reused_tab,
)
from tools import chromium
from tools.serve import SiteServer

expect.set_options(timeout=TIMEOUT_MS)  # its own default is 5 s


@pytest.fixture(scope="session")
def mkdocs_config() -> MkDocsConfig:
    config: MkDocsConfig = load_config(str(ROOT / "mkdocs.yml"), site_url=SITE_URL)
    return config


# --- Browser tests: one chromium per test package, one context per test ------


@pytest.fixture(scope="package")
def site(built_site: Path) -> Iterator[SiteServer]:
    """The built site on http://127.0.0.1:<free port>/ (under SITE_URL's path,
    as GitHub Pages serves a project site), 404s as GitHub Pages."""
    with SiteServer(built_site, base=urllib.parse.urlsplit(SITE_URL).path) as server:
        yield server


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), args=chromium.ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def desktop(browser: Browser, site: SiteServer) -> Iterator[Visit]:
    """One desktop context (1280x800, light) for the package: a warm cache."""
    session = open_visit(browser, site, viewport={"width": 1280, "height": 800})
    session.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=site.origin
    )
    session.page.close()
    yield session
    close_visit(session)


@pytest.fixture(scope="package")
def tabs(desktop: Visit) -> Tabs:
    return Tabs(desktop)


@pytest.fixture(scope="package")
def desktop_tab(desktop: Visit) -> Iterator[Visit]:
    """One tab in the desktop context, for the tests that start with a page load."""
    yield from new_tab(desktop)


@pytest.fixture
def visit(desktop_tab: Visit) -> Iterator[Visit]:
    """The desktop tab, for a test that starts by loading its page; fails if a
    page calls another host."""
    yield from reused_tab(desktop_tab)


@pytest.fixture
def fresh_visit(browser: Browser, site: SiteServer) -> Iterator[Visit]:
    """A context of its own (empty storage): for tests that change settings."""
    session = open_visit(browser, site, viewport={"width": 1280, "height": 800})
    yield session
    close_visit(session)
