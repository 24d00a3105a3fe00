"""Search as a person uses it: type into the real search box, read the top 3.

One row per expectation: (query, "page/#section"), the result a reader expects
among the first three shown. "page/" alone means the page's own entry; the
home page is "" (as in public-anchors.txt). Every page of the registry has a
row (a check outside the browser tests fails otherwise): add one with a page.
"""

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from docsite import registry
from docsite.urls import url_of
from tests.site.build import SITE_URL
from tests.site.visits import Visit, open_visit
from tools import built_html as html
from tools.serve import SiteServer

SEARCH = [
    # query                           expected in the top 3
    ("step.run", "quick-reference/#step-run"),
    ("client setup", "quick-reference/#setup"),
    ("serve_functions", "testing-kit/#inngest_kit.serve_functions"),
    ("fake inngest api", "testing-kit/#inngest_kit.FakeInngestAPI"),
    ("signing key", "guides/debug/#signing-key-missing"),
    ("wait for event timeout", "quick-reference/#step-wait-for-event"),
    ("RetryAfterError", "quick-reference/#errors"),
    ("concurrency per user", "quick-reference/#concurrency"),
    ("cancel run", "quick-reference/#cancel"),
    ("sleep 24 hours", "quick-reference/#step-sleep"),
    ("scheduled functions", "guides/improve/#scheduled-functions"),
    ("debounce", "quick-reference/#debounce"),
    ("idempotency", "quick-reference/#idempotency"),
    ("dev server port", "quick-reference/#dev-server"),
    ("fan out", "quick-reference/#parallel"),
    ("celery", "comparison/"),
    ("nested steps are not supported", "guides/debug/"),
    ("test without inngest server", "testing-kit/"),
    ("what tested means", "#tested"),
    ("decision tables", "decisions/"),
    ("which error to raise", "decisions/"),
    ("create a workflow", "guides/create/"),
    ("event naming", "event-naming/"),
    ("core concepts", "concepts/"),
    ("dual events", "patterns/genie-iq/#dual-events"),
    ("reference app", "patterns/"),
    ("deploy to production", "guides/deploy/"),
    ("signing key rotation", "guides/deploy/#keys"),
    ("INNGEST_SERVE_ORIGIN", "guides/deploy/#serve-origin"),
    ("sync app after deploy", "guides/deploy/#when-to-resync"),
    ("enable_unauthed_sync", "guides/deploy/#harden-sync"),
    ("streaming timeout", "guides/deploy/#streaming"),
    ("serve or connect", "decisions/#serve-or-connect"),
    ("worker that dials out", "guides/deploy/#connect"),
    ("sentry", "guides/deploy/#sentry"),
    ("versioning", "guides/deploy/#in-flight"),
    ("step output size limit", "guides/deploy/#limits"),
    ("migration", "guides/migrate/"),
    ("migrate from celery", "guides/migrate/"),
    ("result backend", "guides/migrate/#result-backend"),
    ("task routing queues", "guides/migrate/#routing-and-queues"),
    ("revoke", "guides/migrate/#revoke"),
    ("flower", "guides/migrate/#flower"),
    ("human in the loop approval", "guides/improve/#human-in-the-loop"),
    (
        "concurrency is not rate limiting",
        "corrections/#concurrency-is-not-rate-limiting",
    ),
    ("string durations", "corrections/#string-durations"),
    ("agent skill", "skill/"),
    ("skills cli", "skill/#skills-cli"),
    ("add a page", "contributing/#add-a-page"),
    ("equivalent mutants", "contributing/#equivalent-mutants"),
    ("changelog", "changelog/"),
]
TOP = 3

# Counts the queries the page sends Material's search worker and the results it
# gets back (message types 2 and 3 of Material's worker protocol). The worker
# answers every query in order, and Material renders the first results while
# handling the answer: once the counts are equal, the list shows the last query.
COUNT_SEARCH_MESSAGES = """(() => {
  const counts = window.searchMessages = {queries: 0, results: 0};
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2) counts.queries++;
    return post.call(this, message, ...rest);
  };
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) counts.results++;
      });
    }
  };
})()"""
ANSWERED = (
    "() => searchMessages.queries > 0"
    " && searchMessages.results === searchMessages.queries"
)


@pytest.fixture(scope="module")
def home(browser: Browser, site: SiteServer) -> Iterator[Visit]:
    """One page for all queries: the box is cleared between them."""
    session = open_visit(browser, site, viewport={"width": 1280, "height": 800})
    session.context.add_init_script(COUNT_SEARCH_MESSAGES)
    session.goto("")
    yield session
    session.context.close()
    assert not session.external, f"search requested other hosts: {session.external}"


def top_results(page: Page) -> list[str]:
    """Visible result links, best first, as "page/#section"."""
    hrefs: list[str] = page.eval_on_selector_all(
        "a.md-search-result__link",
        "links => links.filter(l => l.checkVisibility()).map(l => l.href)",
    )
    found = []
    for href in hrefs:
        parts = urllib.parse.urlsplit(href)
        where = parts.path.removeprefix(urllib.parse.urlsplit(SITE_URL).path)
        found.append(where + (f"#{parts.fragment}" if parts.fragment else ""))
    return found


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the box, its last key pressed as a reader presses it;
    return the results shown for the whole query (the text before the last key
    sends a query too: its answer is only on its way to the last one's). Key
    by key, the 44 queries sent 730 searches and took 16.5 s of CPU; so, 88
    and 4.1 s, with the same results asserted."""
    box = page.locator("input.md-search__input")
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    page.wait_for_function(ANSWERED)
    page.wait_for_selector(".md-search-result__item >> visible=true")
    return top_results(page)


def pages_without_a_row(rows: list[tuple[str, str]]) -> list[str]:
    """Registry pages (by source path) that no row expects a result on."""
    expected = {where.partition("#")[0] for _, where in rows}
    return [page.src for page in registry.pages() if url_of(page.src) not in expected]


def test_every_page_has_a_search_row() -> None:
    missing = pages_without_a_row(SEARCH)
    assert not missing, f"pages with no row in SEARCH (add one per page): {missing}"


def test_a_page_without_a_row_is_named() -> None:
    rows = [row for row in SEARCH if not row[1].startswith("changelog/")]
    assert pages_without_a_row(rows) == ["changelog.md"]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), SEARCH, ids=[q for q, _ in SEARCH])
def test_search_finds_the_expected_section(
    home: Visit, query: str, expected: str
) -> None:
    results = search(home.page, query)
    assert expected in results[:TOP], (
        f"search {query!r}: expected {expected!r} in the top {TOP}, got {results[:TOP]}"
        f" (all shown: {results})"
    )


@pytest.mark.parametrize(("query", "expected"), SEARCH, ids=[q for q, _ in SEARCH])
def test_search_expectation_exists_on_the_site(
    built_site: Path, query: str, expected: str
) -> None:
    # Tells a typo in the table apart from a search that misses.
    page, _, fragment = expected.partition("#")
    file = built_site / page / "index.html"
    assert file.is_file(), f"search {query!r}: the table names a missing page {page!r}"
    if fragment:
        assert fragment in html.parse(file).ids, (
            f"search {query!r}: the table names #{fragment}, not on {page or 'home'}"
        )
