"""Each search row's rank, for one page or all: `make search-ranks PAGE=guides/x`.

Builds the site (strict) into a temporary folder, serves it, runs the rows of
tools/search_eval.toml whose expected link is on PAGE through Material's own
search worker (tools/search_eval.py, as the browser test does) and prints, per
query, its rank and the cards shown first. Exit status 1 if a row is not in
the top 3. Never the blind set (tools/search_blind.toml): it is not tuned
against, and a rank is what tuning looks at.

    python -m tools.search_ranks guides/scheduled-functions
    python -m tools.search_ranks            # every row
    python -m tools.search_ranks --site site guides/debug   # a built site
"""

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import sync_playwright

from docsite.paths import ROOT
from docsite.urls import LOCAL_SITE_URL
from tools import chromium, search_eval
from tools.search_eval import Outcome, Query
from tools.serve import SiteServer


def page_url(page: str) -> str:
    """`guides/x`, `guides/x.md`, `guides/x/` or `docs/guides/x.md` -> `guides/x/`;
    `index`, `home` or `` -> `` (the home page)."""
    name = page.strip().removeprefix("docs/").removesuffix(".md").strip("/")
    name = name.removesuffix("/index")
    return "" if name in ("", "index", "home") else f"{name}/"


def rows_for(queries: list[Query], page: str | None) -> list[Query]:
    """The rows expecting a link on `page` (every row if None)."""
    if page is None:
        return queries
    url = page_url(page)
    return [q for q in queries if q.expected.partition("#")[0] == url]


def table(outcomes: list[Outcome]) -> str:
    """One line per row: rank (`-`: not shown), query, expected, top cards."""
    lines = []
    for o in outcomes:
        ok = o.rank is not None and o.rank <= search_eval.TOP
        rank = "-" if o.rank is None else str(o.rank)
        top = " | ".join(", ".join(card) for card in o.cards[: search_eval.TOP])
        lines.append(
            f"{'ok ' if ok else 'MISS'} {rank:>2}  {o.query.text!r} -> "
            f"{o.query.expected!r}    top: {top or '(nothing)'}"
        )
    return "\n".join(lines)


def build(out: Path) -> None:
    """`mkdocs build --strict` into `out`, for the local address."""
    env = {**os.environ, "SITE_URL": LOCAL_SITE_URL}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d"]
    result = subprocess.run(
        [*command, str(out)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"mkdocs build --strict failed:\n{result.stderr}")


def measure(site: Path, queries: list[Query]) -> list[Outcome]:
    """Every query through the search worker of the site built in `site`."""
    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS, headless=True
        )
        page = browser.new_page()
        page.goto(server.url(""))
        outcomes = search_eval.run(page, server.origin, queries)
        browser.close()
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", help="the page's path (default: all)")
    parser.add_argument("--site", type=Path, help="a built site (default: build)")
    args = parser.parse_args(argv)
    queries = rows_for(search_eval.load(), args.page)
    if not queries:
        print(
            f"{search_eval.DATA}: no row expects a link on {page_url(args.page)!r}: "
            "add two (its header says how)",
            file=sys.stderr,
        )
        return 1
    if args.site is not None:
        outcomes = measure(args.site, queries)
    else:
        with tempfile.TemporaryDirectory(prefix="search-ranks-") as work:
            print("building the site (mkdocs build --strict)...", file=sys.stderr)
            build(Path(work) / "site")
            outcomes = measure(Path(work) / "site", queries)
    print(table(outcomes))
    rates = search_eval.rates(outcomes)
    print(f"top-3 {rates.top3:.0%}, top-1 {rates.top1:.0%} over {rates.total} rows")
    return 0 if rates.top3 == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
