"""Search finds the page that owns the term, in a real browser, through the
site's search (Pagefind behind Material's box): the tuning set
(tools/search_eval.toml, the one table of search expectations), the
development set (tools/search_dev.toml, written as the blind sets were, tuned
against) and the three blind sets (tools/search_blind*.toml, never tuned
against: a regression shows there first), each held at its floor.

The rows are what readers type: identifiers, error messages, task phrases,
one-letter typos, each with the page and section that should answer it. A
failure lists every miss with its rank and the cards shown instead;
`make search-ranks PAGE=<page>` prints the ranks of one page's rows, and
`make bench` the same rates for each engine compared.
"""

import functools
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from docsite import search
from tests.site.build import SITE_URL
from tests.site.visits import open_visit
from tools import built_html as html
from tools import search_eval
from tools.serve import SiteServer

# Floors at the figures measured on 2026-12-07 with the phrases readers type
# indexed with each section (docsite/search_phrases.toml) and the error
# catalogue's entries ranked lower for a query that says nothing went wrong,
# rounded down: tuning 98.4% (305 rows), dev 82.4% (205 rows, tuned against),
# blind 80.6%, blind-2 77.3%, blind-3 79.3% top-3 (the blind sets measured
# after each of the two changes). They are only ever raised: raise one when
# the rate rises, never lower one to let a change in. Targets: tuning >= 95%
# (held), each blind set >= 90% (not yet).
MIN_TOP3 = {
    "tuning": 0.98,
    "dev": 0.82,
    "blind": 0.80,
    "blind-2": 0.77,
    "blind-3": 0.79,
}


def misses(outcomes: list[search_eval.Outcome]) -> list[str]:
    return [
        f"rank {o.rank or '-'}: {o.query.text!r} expects {o.query.expected!r},"
        f" top cards {o.cards[: search_eval.TOP]}"
        for o in outcomes
        if o.rank is None or o.rank > search_eval.TOP
    ]


@pytest.mark.browser
@pytest.mark.parametrize("name", list(search_eval.SETS))
def test_search_puts_the_owner_in_the_top_three(
    browser: Browser, site: SiteServer, name: str
) -> None:
    data = search_eval.SETS[name]
    visit = open_visit(browser, site)
    visit.goto("")
    outcomes = search_eval.run(visit.page, site.origin, search_eval.load(data))
    visit.context.close()
    assert not visit.external, f"search requested other hosts: {visit.external}"
    rates = search_eval.rates(outcomes)
    assert rates.top3 >= MIN_TOP3[name], (
        f"top-3 {rates.top3:.0%} < {MIN_TOP3[name]:.0%} over {rates.total} queries"
        f" of {data.name}; each miss with its rank:\n" + "\n".join(misses(outcomes))
    )


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


def shown_links(page: Page) -> list[str]:
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


@pytest.mark.browser
def test_the_search_box_shows_the_cards_the_table_is_scored_on(
    browser: Browser, site: SiteServer
) -> None:
    """tools/search_eval.py turns the worker's answer into cards as Material's
    renderer does: typed into the real box, a query shows the same links."""
    query = search_eval.Query("signing key", "guides/debug/#signing-key-missing", "")
    visit = open_visit(browser, site, viewport={"width": 1280, "height": 800})
    visit.context.add_init_script(COUNT_SEARCH_MESSAGES)
    visit.goto("")
    [scored] = search_eval.run(visit.page, site.origin, [query])
    box = visit.page.locator("input.md-search__input")
    box.fill(query.text[:-1])
    box.press_sequentially(query.text[-1])  # as a reader's last key
    visit.page.wait_for_function(ANSWERED)
    visit.page.wait_for_selector(".md-search-result__item >> visible=true")
    shown = shown_links(visit.page)
    visit.context.close()
    cards = [link for card in scored.cards[: search_eval.TOP] for link in card]
    assert shown[: len(cards)] == cards, f"box: {shown}, scored: {scored.cards}"


ROWS = [
    (data, query)
    for data in search_eval.SETS.values()
    for query in search_eval.load(data)
]


@functools.cache
def ids(file: Path) -> frozenset[str]:
    """The ids of a built page, each page parsed once."""
    return frozenset(html.parse(file).ids)


def missing(built_site: Path, link: str) -> str | None:
    """What the built site lacks of `link` ("page/#section"): its page, its
    section, or nothing (None)."""
    page, _, fragment = link.partition("#")
    file = built_site / page / "index.html"
    if not file.is_file():
        return f"a missing page {page!r}"
    if fragment and fragment not in ids(file):
        return f"#{fragment}, not on {page or 'home'}"
    return None


@pytest.mark.parametrize(
    ("data", "query"), ROWS, ids=[f"{d.stem}: {q.text}" for d, q in ROWS]
)
def test_expected_link_exists(
    built_site: Path, data: Path, query: search_eval.Query
) -> None:
    # Tells a typo in a table apart from a search that misses.
    gone = missing(built_site, query.expected)
    assert gone is None, f"{data.name}: {query.text!r} names {gone}"


def test_every_phrase_names_a_section_of_the_site(built_site: Path) -> None:
    # The build checks the pages it has; this checks a page that is gone.
    said = search.phrases(search.PHRASE_FILE)
    unknown = [link for link in said if missing(built_site, link)]
    assert not unknown, f"{search.PHRASE_FILE}: no such section on the site: {unknown}"
