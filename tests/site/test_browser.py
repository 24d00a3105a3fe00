"""The built site in a real browser: copy, anchors, permalinks, color schemes,
phone-sized navigation, redirects and the 404 page."""

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from docsite import markdown, paths
from docsite.urls import public_anchors, url_of
from tests.site.visits import (
    NOTHING_COPIED,
    TIMEOUT_MS,
    Tabs,
    Visit,
    close_visit,
    copy_every_code_block,
    on_page,
    open_visit,
    reused_tab,
)
from tools.serve import SiteServer

pytestmark = pytest.mark.browser

PROMPTS = ("$ ", ">>> ", "... ", "% ")


def page_params() -> list[Any]:
    return [
        pytest.param(url, src, id=paths.page_name(src), marks=on_page(url))
        for url, src in doc_pages()
    ]


def doc_pages() -> list[tuple[str, Path]]:
    """(URL path, source) of every Markdown page, as MkDocs maps them."""
    return [(url_of(paths.page_name(page)), page) for page in paths.page_files()]


@pytest.mark.parametrize(("url", "source"), page_params())
def test_copy_button_copies_exactly_the_code(
    tabs: Tabs, url: str, source: Path
) -> None:
    page = tabs.open(url)
    # A reader opens a collapsed block before copying from it.
    page.evaluate(
        "document.querySelectorAll('details').forEach(d => { d.open = true; })"
    )
    copied = copy_every_code_block(page)
    for number, text in enumerate(copied, start=1):
        where = f"{url or 'home'}, code block {number}"
        assert text != NOTHING_COPIED, (
            f"{where}: the copy button copied nothing within {TIMEOUT_MS} ms"
        )
        for line in text.split("\n"):
            assert not markdown.ANNOTATION.search(line), f"{where}: marker in {line!r}"
            assert not line.startswith(PROMPTS), f"{where}: prompt in {line!r}"
            assert line == line.rstrip(), f"{where}: trailing spaces in {line!r}"
    if ":::" in source.read_text():
        return  # blocks from docstrings (mkdocstrings): no Markdown fence to compare
    expected = markdown.copy_texts(source)
    assert len(copied) == len(expected), (
        f"{url or 'home'}: {len(copied)} copy buttons for {len(expected)} code fences"
    )
    for number, (got, want) in enumerate(zip(copied, expected, strict=True), 1):
        assert got == want, f"{url or 'home'}, code block {number}: copied text differs"


def anchors_by_page() -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for anchor in public_anchors():
        grouped.setdefault(anchor.partition("#")[0], []).append(anchor)
    return grouped


# True once the browser has scrolled to the heading (or cannot scroll further).
SETTLED = """id => {
    const el = document.getElementById(id);
    if (!el) return true;
    const top = el.getBoundingClientRect().top;
    const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
    return (top >= 0 && top <= 250) || end;
}"""
# Where the heading stands: [top, bottom, header's bottom, window height, at
# the end of the page], or null when no element has that id.
WHERE = """id => {
    const el = document.getElementById(id);
    if (!el) return null;
    const box = el.getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
    return [box.top, box.bottom, header.bottom, innerHeight, end];
}"""
# Follows each fragment on the open page as a link to it does (a fragment
# navigation, from a URL without one: the same hash again would not scroll),
# waits until SETTLED (at most `timeout` ms) and says WHERE the heading stands.
# One call for all the page's anchors instead of six round trips per anchor.
FOLLOW_FRAGMENTS = f"""async ([fragments, timeout]) => {{
    const settled = {SETTLED};
    const where = {WHERE};
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    const found = {{}};
    for (const id of fragments) {{
        history.replaceState(null, '', location.pathname);
        location.hash = id;
        const deadline = performance.now() + timeout;
        while (!settled(id) && performance.now() < deadline) await frame();
        found[id] = where(id);
    }}
    return found;
}}"""


def scroll_problem(found: list[Any] | None) -> str | None:
    """Why the heading is not where a reader following a link expects, from
    what WHERE found."""
    if found is None:
        return "no element with that id"
    top, bottom, header, height, at_bottom = found
    if top < header - 1:
        return f"heading hidden under the sticky header (top {top:.0f}px)"
    if bottom > height or (top > 250 and not at_bottom):
        return f"heading not scrolled to (top {top:.0f}px)"
    return None


@pytest.mark.parametrize(
    "anchors",
    [
        pytest.param(anchors, id=url, marks=on_page(url))
        for url, anchors in anchors_by_page().items()
    ],
)
def test_public_anchors_scroll_to_their_heading(tabs: Tabs, anchors: list[str]) -> None:
    url = anchors[0].partition("#")[0]
    page = tabs.open(url)
    # An open search (another test's) locks page scrolling, and Material puts
    # the old scroll position back 0.1 s after it closes: close it, wait for that.
    page.keyboard.press("Escape")
    page.wait_for_function("!document.body.hasAttribute('data-md-scrolllock')")
    page.wait_for_load_state("load")  # Material's scripts may still lay it out
    # Same page: hash navigations, quick when they work. A tab reused by other
    # tests can lose a hash scroll under load: then judge the anchor as a wiki
    # link opens it (a fresh tab, a full load), with the full wait.
    fragments = [anchor.partition("#")[2] for anchor in anchors]
    found = page.evaluate(FOLLOW_FRAGMENTS, [fragments, 3_000])
    problems = []
    for anchor, fragment in zip(anchors, fragments, strict=True):
        problem = scroll_problem(found[fragment])
        if problem:
            fresh = tabs.desktop.context.new_page()
            try:
                problem = goto_problem(fresh, tabs, anchor, timeout=TIMEOUT_MS)
            finally:
                fresh.close()
        if problem:
            problems.append(f"{anchor}: {problem}")
    assert not problems, "\n".join(problems)


def goto_problem(page: Page, tabs: Tabs, anchor: str, timeout: int) -> str | None:
    """Go to `anchor` in `page`; why its heading is not where a reader expects
    once it has settled (or after `timeout` ms)."""
    page.goto(tabs.desktop.site.url(anchor))
    fragment = anchor.partition("#")[2]
    with contextlib.suppress(PlaywrightTimeoutError):  # then report where it is
        page.wait_for_function(SETTLED, arg=fragment, timeout=timeout)
    return scroll_problem(page.evaluate(WHERE, fragment))


@pytest.mark.parametrize(("url", "source"), page_params())
def test_every_heading_has_a_permalink(tabs: Tabs, url: str, source: Path) -> None:
    page = tabs.open(url)
    missing = page.evaluate(
        """() => [...document.querySelectorAll(
                'article :is(h2, h3, h4, h5, h6)[id]')]
            .filter(h => !h.querySelector(
                `a.headerlink[href$="#${CSS.escape(h.id)}"]`))
            .map(h => h.id)"""
    )
    assert not missing, f"{url or 'home'}: headings without a permalink: {missing}"
    links = page.locator("article a.headerlink")
    if links.count() > 1:
        target = links.nth(1)
        href = target.get_attribute("href") or ""
        target.click()
        assert page.url.endswith("#" + href.partition("#")[2]), (
            f"{url}: clicking the permalink {href} left the URL at {page.url}"
        )


def scheme(page: Page) -> str:
    value: str = page.evaluate("document.body.dataset.mdColorScheme")
    return value


def background_is_dark(page: Page) -> bool:
    dark: bool = page.evaluate(
        """() => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor
                .match(/\\d+/g).map(Number);
            return (r + g + b) / 3 < 100;
        }"""
    )
    return dark


@pytest.mark.parametrize("width", [1220, 1600])
def test_every_navigation_tab_is_visible_on_a_desktop(tabs: Tabs, width: int) -> None:
    # Tabs show from 1220 px: at the narrowest width none may be cut off.
    page = tabs.open("")
    page.set_viewport_size({"width": width, "height": 800})
    try:
        hidden = page.eval_on_selector_all(
            ".md-tabs__item",
            """items => items.filter(item => {
                const box = item.getBoundingClientRect();
                return box.right > document.documentElement.clientWidth;
            }).map(item => item.textContent.trim())""",
        )
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
    assert not hidden, f"navigation tabs cut off at {width} px: {hidden}"


def test_color_scheme_toggle_switches_and_is_remembered(fresh_visit: Visit) -> None:
    visit = fresh_visit
    visit.page.emulate_media(color_scheme="light")
    visit.goto("quick-reference/")
    assert scheme(visit.page) == "default"
    assert not background_is_dark(visit.page)
    toggle = visit.page.locator("form[data-md-component='palette'] label:visible")
    for _ in range(3):
        if scheme(visit.page) == "slate":
            break
        toggle.first.click()
    assert scheme(visit.page) == "slate", "the palette toggle never reached dark"
    assert background_is_dark(visit.page), "dark scheme set, background still light"
    visit.page.reload()
    assert scheme(visit.page) == "slate", "the chosen scheme is lost on reload"
    visit.goto("testing-kit/")
    assert scheme(visit.page) == "slate", "the chosen scheme is lost between pages"


def test_system_dark_preference_is_followed(fresh_visit: Visit) -> None:
    visit = fresh_visit
    visit.page.emulate_media(color_scheme="dark")
    visit.goto("")
    assert scheme(visit.page) == "slate"


@pytest.fixture(scope="module")
def phone_context(browser: Browser, site: SiteServer) -> Iterator[Visit]:
    """One phone-sized context (390x844, touch) and tab for the phone tests: a
    warm cache, and a tab each test loads its page into."""
    session = open_visit(
        browser,
        site,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield session
    close_visit(session)


@pytest.fixture
def phone(phone_context: Visit) -> Iterator[Visit]:
    """The phone tab; fails if a page calls another host."""
    yield from reused_tab(phone_context)


def sideways_scroll(page: Page) -> str | None:
    # Not window.innerWidth: on a phone Chromium zooms out to fit a page wider
    # than the screen, and innerWidth grows with it (a 900px heading: 916 and
    # 916). The layout width (clientWidth) stays the phone's.
    width, screen = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return f"page is {width}px wide on a {screen}px phone" if width > screen else None


# The nav sections (outermost first) a reader taps open to reach a link.
OPEN_SECTIONS = """el => {
  const toggles = [];
  for (let li = el.closest("li"); li; li = li.parentElement.closest("li")) {
    const input = li.querySelector(":scope > input.md-nav__toggle");
    if (input && li !== el.closest("li")) toggles.unshift(input.id);
  }
  return toggles;
}"""


def test_phone_home_page_does_not_scroll_sideways(phone: Visit) -> None:
    phone.goto("")
    assert not (problem := sideways_scroll(phone.page)), f"home: {problem}"


# One test per page (not one loop over all): the pages spread over the workers.
@pytest.mark.parametrize("target", [url for url, _ in doc_pages() if url])
def test_phone_drawer_reaches_the_page_and_it_does_not_scroll_sideways(
    phone: Visit, target: str
) -> None:
    phone.goto("")  # the drawer opens at the top level from the home page
    phone.page.locator("label.md-header__button[for='__drawer']").tap()
    link = phone.page.locator(f".md-nav--primary a.md-nav__link[href$='/{target}']")
    for toggle in link.first.evaluate(OPEN_SECTIONS):
        phone.page.locator(f"label.md-nav__link[for='{toggle}']").first.tap()
    expect(link.first, f"drawer has no visible link to {target}").to_be_visible()
    link.first.tap()
    phone.page.wait_for_url(f"**/{target}")
    expect(phone.page.locator("article h1")).to_be_visible()
    assert not (problem := sideways_scroll(phone.page)), f"{target}: {problem}"


def test_phone_search_opens_and_finds(phone: Visit) -> None:
    phone.goto("")
    phone.page.locator("label.md-header__button[for='__search']").tap()
    phone.page.locator("input.md-search__input").press_sequentially("step.run")
    expect(phone.page.locator(".md-search-result__item").first).to_be_visible()


def test_404_page_helps_the_reader_on(visit: Visit) -> None:
    response = visit.goto("no/such/page/")
    assert response is not None
    assert response.status == 404
    expect(visit.page.locator("article h1")).to_have_text("Page not found")
    header_color = visit.page.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    )
    assert header_color not in ("rgba(0, 0, 0, 0)", "transparent"), (
        "404 page at a nested address lost its stylesheet"
    )
    visit.page.locator("article a", has_text="Quick reference").click()
    visit.page.wait_for_url("**/quick-reference/")


@pytest.mark.parametrize(
    ("old", "new"),
    [("reference/#step-run", "quick-reference/#step-run"), ("kit/", "testing-kit/")],
)
def test_redirect_pages_send_the_reader_on(visit: Visit, old: str, new: str) -> None:
    visit.page.goto(visit.site.url(old))
    visit.page.wait_for_url(f"**/{new}")
    expect(visit.page.locator("article h1")).to_be_visible()
