"""Browser sessions on the built site: contexts that refuse other hosts, and
tabs kept open so read-only checks load each page once."""

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, Route

from tools import chromium
from tools.serve import SiteServer

# Deadlines for a busy machine (a laptop installing the venv and a browser
# beside its first `make test`, load average 15 on 2 cores): every wait is on a
# condition, and only a real hang reaches its deadline. A long page took over
# 10 s to load under `make stress`.
TIMEOUT_MS = 30_000  # an action, a wait for a condition, an expect()
NAVIGATION_TIMEOUT_MS = 60_000  # a page load


def chromium_path() -> str:
    try:
        return chromium.path()
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)


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

    def assert_stayed_local(self) -> None:
        """Fails if a page in this context requested another host."""
        assert not self.external, f"pages requested other hosts: {self.external}"


def open_visit(browser: Browser, site: SiteServer, **options: Any) -> Visit:
    context = browser.new_context(base_url=site.origin, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
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
    session.assert_stayed_local()


# Material's annotation markers pulse for ever while in view: in a tab kept
# open for later checks that is a redraw every frame (a tenth of a core per
# tab, all run long). A tab no check is using has its running animations
# paused, and they play on from where they stood when a check comes back to it.
PAUSE_ANIMATIONS = """() => {
    window.pausedByTabs = document.getAnimations()
        .filter(animation => animation.playState === 'running');
    window.pausedByTabs.forEach(animation => animation.pause());
}"""
PLAY_ANIMATIONS = """() => {
    (window.pausedByTabs || []).forEach(animation => animation.play());
    window.pausedByTabs = [];
}"""


class Tabs:
    """Pages kept open in the desktop context, one per URL: checks that only
    read a page (permalinks, copy, anchors, axe) load each page once."""

    def __init__(self, desktop: Visit) -> None:
        self.desktop = desktop
        self.open_pages: dict[str, Page] = {}
        self.in_use: Page | None = None

    def open(self, url: str) -> Page:
        if url not in self.open_pages:
            page = self.desktop.context.new_page()
            page.goto(self.desktop.site.url(url))
            self.open_pages[url] = page
        page = self.open_pages[url]
        if self.in_use is not page:
            if self.in_use is not None and not self.in_use.is_closed():
                self.in_use.evaluate(PAUSE_ANIMATIONS)
            page.evaluate(PLAY_ANIMATIONS)
            self.in_use = page
        page.bring_to_front()
        return page


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
    session.assert_stayed_local()


def reused_tab(session: Visit) -> Iterator[Visit]:
    """`session`'s tab for one more test, which starts by loading its page (a
    new tab per test, its renderer started and torn down, cost 0.5-0.7 s of
    CPU); fails if a page called another host. For fixtures:
    `yield from reused_tab(session)`."""
    session.page.bring_to_front()
    yield session
    session.assert_stayed_local()


# Material mounts a code block (copy button, annotations, keyboard access to a
# block that scrolls) when it comes into view (content.lazy in mkdocs.yml). As
# a reader does: show the block (choose its tab when it sits in one), scroll to
# it, and wait for Material. One call for all the blocks asked for: a round trip
# per block cost as much CPU as the scrolling.
CODE_BLOCK = ".md-content pre:has(> code)"
COPY_BUTTON = "button.md-code__button[data-md-type='copy']"
NOTHING_COPIED = "<nothing copied>"
# Choose the tabs a block sits in, and scroll to it.
BRING_INTO_VIEW = """pre => {
    for (let block = pre.closest(".tabbed-block"); block;
         block = block.parentElement.closest(".tabbed-block")) {
        const position = [...block.parentElement.children].indexOf(block);
        const set = block.closest(".tabbed-set");
        set.querySelectorAll(":scope > input")[position].checked = true;
    }
    pre.scrollIntoView();
}"""
# Every wait is on a condition with a deadline. A tick is the next frame, or
# 50 ms when no frame comes (a page in the background gets none), so a
# deadline always ends the wait.
TICK = """() => new Promise(resolve => {
    requestAnimationFrame(resolve);
    setTimeout(resolve, 50);
})"""
SHOW_CODE_BLOCKS = f"""async ([selector, buttonSelector, indexes, timeout]) => {{
    const bringIntoView = {BRING_INTO_VIEW};
    const tick = {TICK};
    const blocks = document.querySelectorAll(selector);
    for (const index of indexes) {{
        bringIntoView(blocks[index]);
        const deadline = performance.now() + timeout;
        while (!blocks[index].querySelector(buttonSelector)) {{
            if (performance.now() > deadline)
                throw new Error(`code block ${{index + 1}}: Material never mounted it`);
            await tick();
        }}
    }}
}}"""
# One block per call: Material copies with document.execCommand("copy"), which
# Chromium allows only within 5 s of a user gesture, and each call is one (a
# loop over 20 blocks in one call copied nothing after 5 s on a busy machine).
# The click comes first; then wait until the clipboard has changed (it is
# written asynchronously), and leave NOTHING_COPIED on it for the next block.
COPY_CODE_BLOCK = f"""async ([selector, buttonSelector, index, timeout, nothing]) => {{
    const tick = {TICK};
    const pre = document.querySelectorAll(selector)[index];
    ({BRING_INTO_VIEW})(pre);
    pre.querySelector(buttonSelector).dispatchEvent(new MouseEvent(
        "click", {{bubbles: true, cancelable: true, composed: true}}));
    const deadline = performance.now() + timeout;
    let text = await navigator.clipboard.readText();
    while (text === nothing && performance.now() < deadline) {{
        await tick();
        text = await navigator.clipboard.readText();
    }}
    await navigator.clipboard.writeText(nothing);
    return text;
}}"""


# Every animation that ends has ended. Not "no animation": Material pulses an
# annotation marker for ever while it is in view, so that would never hold on
# a page with one in the first screen.
TRANSITIONS_ENDED = """() => document.getAnimations().every(animation =>
    animation.playState !== "running"
    || animation.effect.getComputedTiming().endTime === Infinity)"""


# Back at the top as a reader sees it: Material has answered the scroll (it
# does a frame or more later) by showing the navigation tabs again and hiding
# the back-to-top button, and their transitions have ended. Right after the
# scroll, axe measured the tabs mid-fade: a color-contrast failure.
BACK_AT_THE_TOP = f"""() => {{
    const tabs = document.querySelector(".md-tabs");
    const backToTop = document.querySelector(".md-top");
    return scrollY === 0 && !(tabs && tabs.hidden) && !(backToTop && !backToTop.hidden)
        && ({TRANSITIONS_ENDED})();
}}"""


def copy_every_code_block(page: Page) -> list[str]:
    """What each code block's copy button puts on the clipboard, in page order
    (collapsed blocks included: open them first); NOTHING_COPIED for a button
    that wrote nothing within TIMEOUT_MS."""
    count = page.locator(CODE_BLOCK).count()
    page.evaluate(
        SHOW_CODE_BLOCKS, [CODE_BLOCK, COPY_BUTTON, list(range(count)), TIMEOUT_MS]
    )
    page.evaluate("nothing => navigator.clipboard.writeText(nothing)", NOTHING_COPIED)
    return [
        page.evaluate(
            COPY_CODE_BLOCK,
            [CODE_BLOCK, COPY_BUTTON, index, TIMEOUT_MS, NOTHING_COPIED],
        )
        for index in range(count)
    ]


def show_every_code_block(page: Page) -> None:
    """Every code block a reader can reach without opening a collapsed one;
    then back to the top, once the header has come back (its transition)."""
    hidden = page.locator(CODE_BLOCK).evaluate_all(
        "blocks => blocks.map(b => !!b.closest('details:not([open])'))"
    )
    shown = [index for index, collapsed in enumerate(hidden) if not collapsed]
    page.evaluate(SHOW_CODE_BLOCKS, [CODE_BLOCK, COPY_BUTTON, shown, TIMEOUT_MS])
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function(BACK_AT_THE_TOP)
