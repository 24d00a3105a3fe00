"""The built site (strict, once per session) and the browser that visits it."""

import dataclasses
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Response,
    Route,
    sync_playwright,
)

from tests.conftest import SITE_URL
from tests.site import chromium
from tests.site.serve import SiteServer
from tests.site.sources import ROOT

__all__ = ["SITE_URL"]  # the address the site under test was built for


@pytest.fixture(scope="session")
def mkdocs_config() -> MkDocsConfig:
    config: MkDocsConfig = load_config(str(ROOT / "mkdocs.yml"), site_url=SITE_URL)
    return config


# --- Browser tests: one chromium per test package, one context per test ------


def chromium_path() -> str:
    try:
        return chromium.path()
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)


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


@dataclasses.dataclass
class Visit:
    """A fresh browser context on the local site; records off-site requests."""

    context: BrowserContext
    page: Page
    site: SiteServer
    external: list[str]

    def goto(self, path: str) -> Response | None:
        response = self.page.goto(self.site.url(path))
        self.page.wait_for_load_state("load")
        return response


def open_visit(browser: Browser, site: SiteServer, **options: Any) -> Visit:
    context = browser.new_context(base_url=site.origin, **options)
    context.set_default_timeout(10_000)
    external: list[str] = []

    def block_other_hosts(route: Route) -> None:
        if route.request.url.startswith((site.origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", block_other_hosts)
    return Visit(context, context.new_page(), site, external)


def close_visit(session: Visit) -> None:
    session.context.close()
    assert not session.external, f"pages requested other hosts: {session.external}"


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


class Tabs:
    """Pages kept open in the desktop context, one per URL: checks that only
    read a page (permalinks, copy, anchors, axe) load each page once."""

    def __init__(self, desktop: Visit) -> None:
        self.desktop = desktop
        self.open_pages: dict[str, Page] = {}

    def open(self, url: str) -> Page:
        if url not in self.open_pages:
            page = self.desktop.context.new_page()
            page.goto(self.desktop.site.url(url))
            self.open_pages[url] = page
        page = self.open_pages[url]
        page.bring_to_front()
        return page


@pytest.fixture(scope="package")
def tabs(desktop: Visit) -> Tabs:
    return Tabs(desktop)


def on_page(url: str) -> pytest.MarkDecorator:
    """Mark a check that reads `url` from `tabs`: `make test` (--dist loadgroup)
    runs every check of one page on the same worker, so the page loads once."""
    return pytest.mark.xdist_group(f"page:{url or 'home'}")


def new_tab(session: Visit) -> Iterator[Visit]:
    """A new tab in `session`'s context, closed after; fails if a page called
    another host. For fixtures: `yield from new_tab(session)`."""
    page = session.context.new_page()
    yield dataclasses.replace(session, page=page)
    page.close()
    assert not session.external, f"pages requested other hosts: {session.external}"


@pytest.fixture
def visit(desktop: Visit) -> Iterator[Visit]:
    """A new tab in the shared desktop context; fails if a page calls another host."""
    yield from new_tab(desktop)


@pytest.fixture
def fresh_visit(browser: Browser, site: SiteServer) -> Iterator[Visit]:
    """A context of its own (empty storage): for tests that change settings."""
    session = open_visit(browser, site, viewport={"width": 1280, "height": 800})
    yield session
    close_visit(session)
