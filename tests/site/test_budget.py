"""Page budget: what a reader pays for each page, next to stock Material on the
same Markdown (tools/stock_site.py builds both baselines for this run). Counts
only, never timings: Lighthouse, TBT and build times are in `make bench`.

- Transfer: every page's cold load, gzip-compressed as GitHub Pages serves
  it, is at most 1.05x the same page's on stock Material.
- Elements: every page has no more elements than the same page on stock
  Material with the same theme features, plus what this site adds to every
  page (page_weight.OWN_ELEMENTS).

Both baselines keep this site's Markdown extensions (docsite.*), so every page,
the changelog too, is the same content on all three.
"""

import posixpath
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.site.build import SITE_URL
from tools import built_html as html
from tools import page_weight, stock_site
from tools.serve import SiteServer

pytestmark = pytest.mark.xdist_group("budget")  # one worker builds the baselines

KB = 1024
MAX_REQUESTS = 12  # home page, cold cache, until the network is idle
MAX_SHELL_GZIP = 100 * KB  # CSS + JS + worker + favicon + sitemap, all pages share it
MAX_SEARCH_INDEX_GZIP = 150 * KB
MAX_GZIP_RATIO = 1.05


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both baselines, built for this run: {"stock": site, "features": site}."""
    return stock_site.build(tmp_path_factory.mktemp("baselines"), SITE_URL)


@pytest.fixture(scope="module")
def stock(baselines: dict[str, Path]) -> Iterator[SiteServer]:
    with SiteServer(baselines["stock"]) as server:
        yield server


@pytest.mark.browser
def test_home_page_cold_load_budget(browser: Browser, site: SiteServer) -> None:
    home = page_weight.measure(browser, site, "")
    assert not home.external, f"home page requested other hosts: {home.external}"
    assert home.request_count <= MAX_REQUESTS, (
        f"home page makes {home.request_count} requests (budget {MAX_REQUESTS}): "
        f"{home.requests}"
    )
    _, index_gzip = page_weight.search_index(site.root)
    shell = home.gzip - home.html_gzip - index_gzip
    assert shell <= MAX_SHELL_GZIP, (
        f"CSS/JS every page loads: {shell / KB:.0f} KB gzip "
        f"(budget {MAX_SHELL_GZIP / KB:.0f} KB)"
    )


@pytest.mark.browser
def test_every_page_transfers_at_most_5_percent_more_than_on_stock(
    browser: Browser, site: SiteServer, stock: SiteServer, built_site: Path
) -> None:
    ours_shell = page_weight.shell(site, page_weight.measure(browser, site, ""))
    stock_shell = page_weight.shell(stock, page_weight.measure(browser, stock, ""))
    over = []
    for url in html.reader_pages(built_site):
        ours = page_weight.transfer(site.root, url, ours_shell)
        base = page_weight.transfer(stock.root, url, stock_shell)
        if ours > MAX_GZIP_RATIO * base:
            over.append(
                f"{url or 'home'}: {ours / KB:.1f} KB gzip, {ours / base:.3f}x"
                f" stock's {base / KB:.1f} KB"
            )
    assert not over, (
        f"transfer budget {MAX_GZIP_RATIO}x stock Material, same Markdown:\n"
        + "\n".join(over)
    )


def test_every_page_has_no_more_elements_than_stock_with_the_same_features(
    built_site: Path, baselines: dict[str, Path]
) -> None:
    over = []
    for url in html.reader_pages(built_site):
        ours = page_weight.elements(built_site / url / "index.html")
        base = page_weight.elements(baselines["features"] / url / "index.html")
        if ours > base + page_weight.OWN_ELEMENTS:
            over.append(
                f"{url or 'home'}: {ours} elements, {base} + {page_weight.OWN_ELEMENTS}"
            )
    assert not over, "\n".join(over)


def test_the_baselines_render_every_page_of_this_site(
    built_site: Path, baselines: dict[str, Path]
) -> None:
    for name, root in baselines.items():
        missing = [
            u
            for u in html.reader_pages(built_site)
            if not (root / u / "index.html").is_file()
        ]
        assert not missing, f"the {name} baseline has no {missing}"


def test_search_index_budget(built_site: Path) -> None:
    raw, gzipped = page_weight.search_index(built_site)
    assert gzipped <= MAX_SEARCH_INDEX_GZIP, (
        f"search/search_index.json is {gzipped / KB:.0f} KB gzip ({raw / KB:.0f} KB raw),"
        f" budget {MAX_SEARCH_INDEX_GZIP / KB:.0f} KB"
    )


def test_no_page_loads_more_than_the_home_page(built_site: Path) -> None:
    shell = {_absolute("", s) for s in html.parse(built_site / "index.html").resources}
    problems = []
    for url in html.reader_pages(built_site):
        file = built_site / url / "index.html"
        extra = [
            r for r in html.parse(file).resources if _absolute(url, r) not in shell
        ]
        if extra:
            problems.append(f"{url or 'home'}: loads more than the home page: {extra}")
    assert not problems, "\n".join(problems)


def _absolute(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + page_url, href))
