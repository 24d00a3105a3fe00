"""axe-core (axe-playwright-python) on every page, light and dark: zero violations.

Every rule runs on the light scheme. The dark scheme changes colors only (the
DOM is the same), so there axe runs the rules that depend on color.

Stock Material fails several rules; the fixes are theme overrides
(overrides/, docs/assets/site.css, docs/assets/site.js), never disabled rules.
"""

from pathlib import Path
from typing import Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from docsite import paths
from docsite.urls import url_of
from tests.site.visits import (
    TRANSITIONS_ENDED,
    Tabs,
    on_page,
    show_every_code_block,
)
from tools import built_html as html

pytestmark = pytest.mark.browser

AXE = Axe()
Scheme = Literal["light", "dark"]
SCHEMES: dict[Scheme, str] = {"light": "default", "dark": "slate"}
# The axe rules whose result depends on colors; all others see the same DOM.
COLOR_RULES = ["color-contrast", "link-in-text-block"]


def pages_to_check() -> list[str]:
    """Every page a reader sees, from the docs sources, plus the 404 page."""
    urls = [url_of(paths.page_name(source)) for source in paths.page_files()]
    return [*urls, "no/such/page/"]


def report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:5]:
            lines.append(
                f"    {', '.join(map(str, node['target']))}: {node['html'][:120]}"
            )
    return "\n".join(lines)


def violations(page: Page, scheme: Scheme) -> list[dict[str, Any]]:
    page.emulate_media(color_scheme=scheme)  # the palette follows the system
    page.wait_for_function(
        "s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme]
    )
    # Only violations in full: passes and "needs review" nodes are not asserted,
    # and listing every passing node doubles the run time on long pages.
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = COLOR_RULES
    # axe-core (500 KB) is injected once per tab, not once per run, and only
    # the violations come back to Python (not the passes' rule descriptions).
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
        show_every_code_block(page)  # Material mounts blocks in view (content.lazy)
    found: list[dict[str, Any]] = page.evaluate(
        "options => axe.run(document, options).then(r => r.violations)", options
    )
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize(
    "url", [pytest.param(u, id=u or "home", marks=on_page(u)) for u in pages_to_check()]
)
def test_no_axe_violations(tabs: Tabs, url: str, scheme: Scheme) -> None:
    page = tabs.open(url)
    found = violations(page, scheme)
    assert not found, f"axe on {url or 'home'} ({scheme}):\n{report(found)}"


@pytest.mark.parametrize("scheme", list(SCHEMES))
@on_page("quick-reference/")
def test_no_axe_violations_with_search_results_open(tabs: Tabs, scheme: Scheme) -> None:
    page = tabs.open("quick-reference/")
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially("step")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_function(TRANSITIONS_ENDED)  # axe misjudges colors mid-fade
    try:
        found = violations(page, scheme)
    finally:
        page.keyboard.press("Escape")
    assert not found, f"axe with search results ({scheme}):\n{report(found)}"


def test_every_reader_page_is_checked(built_site: Path) -> None:
    # A page built from something other than docs/*.md would escape the axe run.
    assert set(html.reader_pages(built_site)) <= set(pages_to_check())
