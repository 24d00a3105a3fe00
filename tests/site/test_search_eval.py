"""Search finds the page that owns the term: the evaluation set, held at 95% top-3.

The set (tools/search_eval.toml) is what readers type: identifiers, error
messages, task phrases, one-letter typos, each with the page and section that
should answer it. `make bench` prints the same figures (top-1, top-3, MRR).
"""

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.site.visits import open_visit
from tools import built_html as html
from tools import search_eval
from tools.serve import SiteServer

MIN_TOP3 = 0.95
MIN_PER_PAGE = 2
QUERIES = search_eval.load()


@pytest.mark.browser
def test_search_puts_the_owner_in_the_top_three(
    browser: Browser, site: SiteServer
) -> None:
    visit = open_visit(browser, site)
    visit.goto("")
    outcomes = search_eval.run(visit.page, site.origin, QUERIES)
    visit.context.close()
    assert not visit.external, f"search requested other hosts: {visit.external}"
    rates = search_eval.rates(outcomes)
    misses = [
        f"{o.query.text!r}: expected {o.query.expected!r}, cards {o.cards[:3]}"
        for o in outcomes
        if o.rank is None or o.rank > search_eval.TOP
    ]
    assert rates.top3 >= MIN_TOP3, (
        f"top-3 {rates.top3:.0%} < {MIN_TOP3:.0%} over {rates.total} queries; "
        "misses:\n" + "\n".join(misses)
    )


def test_every_page_has_queries(built_site: Path) -> None:
    per_page = Counter(query.expected.partition("#")[0] for query in QUERIES)
    thin = {
        url or "home": per_page[url]
        for url in html.reader_pages(built_site)
        if per_page[url] < MIN_PER_PAGE
    }
    assert not thin, (
        f"pages with fewer than {MIN_PER_PAGE} queries in "
        f"{search_eval.DATA.name}: {thin}"
    )


# Both sets: the tuning set above and the blind set, scored by `make bench`.
ROWS = [
    (data, query)
    for data in search_eval.SETS.values()
    for query in search_eval.load(data)
]


@pytest.mark.parametrize(
    ("data", "query"), ROWS, ids=[f"{d.stem}: {q.text}" for d, q in ROWS]
)
def test_expected_link_exists(
    built_site: Path, data: Path, query: search_eval.Query
) -> None:
    # Tells a typo in the set apart from a search that misses.
    page, _, fragment = query.expected.partition("#")
    file = built_site / page / "index.html"
    assert file.is_file(), f"{data.name}: {query.text!r} names a missing page {page!r}"
    if fragment:
        assert fragment in html.parse(file).ids, (
            f"{data.name}: {query.text!r} names #{fragment}, not on {page or 'home'}"
        )
