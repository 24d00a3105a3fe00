"""`make bench`: build time, page weight, Lighthouse and search, against stock Material.

1. Builds this site (strict) and, as the fair baseline, the same Markdown under
   stock Material settings (tools/stock_site.py), timing both.
2. Loads every page of both cold in chromium and adds up what each downloads.
3. Runs both search sets through each search engine compared
   (tools/search_eval.py ENGINES: Material's search as tuned, Material with an
   identifier tokenizer and section boosts, Pagefind, the one the site ships),
   on the same build in the same browser: the tuning set
   (tools/search_eval.toml) and the blind set (tools/search_blind.toml, never
   tuned against): top-1, top-3, mean reciprocal rank; the bytes (gzip) each
   engine's index and code weigh, and the time to the first result on a phone
   profile (CPU slowed 4x, median of 3 cold loads). `--search-only` builds and
   runs this alone.
4. Runs Lighthouse 12 (mobile, the default) on every page of this site, served
   gzip-compressed as GitHub Pages serves it, and on the stock build of the
   heaviest pages.

Prints progress as it goes, then the tables; writes everything to
.bench/report.json. `--pages quick-reference/ guides/debug/` limits Lighthouse
to those pages ("" is the home page). Timings vary with the machine's load:
compare ratios and byte counts, and rerun a Lighthouse page that looks off.

Needs chromium (CHROMIUM_PATH, default /usr/bin/chromium) and Lighthouse in
.tools/node (the Makefile installs it from tools/lighthouse/package-lock.json).
"""

import argparse
import dataclasses
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from docsite import search
from docsite.paths import ROOT
from tools import built_html as html
from tools import chromium, page_weight, search_eval, stock_site
from tools.serve import SiteServer

LIGHTHOUSE = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Lighthouse also runs on the stock build of these, for the ratio.
STOCK_LIGHTHOUSE = ["", "quick-reference/", "guides/improve/", "guides/debug/"]
REPORT = ROOT / ".bench" / "report.json"
# `make serve`'s address, as in the tests: the pages link relatively, so they
# work on the bench's own ports, and repeated builds reuse .cache/build.
SITE_URL = "http://127.0.0.1:8000/"


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


@dataclasses.dataclass
class BuildTime:
    wall: float  # seconds, what a person waits
    cpu: float  # user + system seconds of the build process: on a shared
    # machine the steadier figure (wall time there is mostly waiting for a core)


def build(config: Path, out: Path, site_url: str, *, strict: bool) -> BuildTime:
    """`mkdocs build`, timed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    env[search.KEEP_MATERIAL_INDEX] = "1"  # Material's search is compared too
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    command += ["-d", str(out)] + (["--strict"] if strict else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"build of {config} failed:\n{result.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildTime(wall=round(wall, 2), cpu=round(cpu, 2))


@dataclasses.dataclass
class Lighthouse:
    scores: dict[str, int]  # category -> 0..100
    lcp_ms: float
    tbt_ms: float
    dom_size: int


def lighthouse(url: str, out: Path) -> Lighthouse:
    env = {**os.environ, "CHROME_PATH": chromium.path()}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ],
        env=env,
        check=True,
    )
    report = json.loads(out.read_text())
    audits = report["audits"]
    return Lighthouse(
        scores={c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        dom_size=int(audits["dom-size"]["numericValue"]),
    )


def weigh(browser: Browser, server: SiteServer, name: str) -> dict[str, Any]:
    pages = html.reader_pages(server.root)
    say(f"weighing {len(pages)} pages of {name} (cold load in chromium)")
    raw, gzipped = page_weight.search_index(server.root)
    return {
        "search_index": {"raw": raw, "gzip": gzipped},
        "pages": {
            url: dataclasses.asdict(page_weight.measure(browser, server, url))
            for url in pages
        },
    }


def search_rates(
    browser: Browser, server: SiteServer, data: Path, engine: search_eval.Engine
) -> dict[str, Any]:
    queries = search_eval.load(data)
    say(f"search, {engine.name}, {data.name}: {len(queries)} queries")
    page = browser.new_page()
    page.goto(server.url(""))
    outcomes = search_eval.run(page, server.origin, queries, engine)
    page.close()
    return {
        "file": data.name,
        "rates": dataclasses.asdict(search_eval.rates(outcomes)),
        "misses": [
            {
                "query": o.query.text,
                "kind": o.query.kind,
                "rank": o.rank,
                "expected": o.query.expected,
                "cards": o.cards[:3],
            }
            for o in outcomes
            if o.rank is None or o.rank > search_eval.TOP
        ],
    }


PHONE_CPU = 4  # Lighthouse's mobile profile slows the CPU 4x


def first_result_ms(
    browser: Browser, server: SiteServer, engine: search_eval.Engine
) -> float:
    """Milliseconds from loading the index to the first answer, cold, CPU 4x
    slower; the median of 3."""
    query = search_eval.load(search_eval.DATA)[:1]
    times = []
    for _ in range(3):
        context = browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU})
        page.goto(server.url(""))
        times.append(search_eval.timed_run(page, server.origin, query, engine)[1])
        context.close()
    return sorted(times)[1]


def gzipped(path: Path) -> int:
    """Bytes on the wire: Pagefind's own files are compressed already."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 9))


def engine_bytes(root: Path, engine: search_eval.Engine) -> int:
    """What the engine's search loads, gzip: Material's index and worker, or
    the worker, Pagefind's code, its whole index and Material's emptied index."""
    if engine.worker != search_eval.MATERIAL_WORKER:
        files = [root / engine.worker, root / search.MATERIAL_INDEX]
        files += [f for f in (root / search.BUNDLE).rglob("*") if f.is_file()]
        empty = json.dumps({"config": {}, "docs": []}).encode()
        return sum(gzipped(f) for f in files[:1] + files[2:]) + len(
            gzip.compress(empty)
        )
    return gzipped(root / search.MATERIAL_INDEX) + gzipped(root / engine.worker)


def compare_search(browser: Browser, server: SiteServer) -> dict[str, Any]:
    """Every engine on both sets, its bytes and its time to a first result."""
    return {
        engine.name: {
            "kept": engine == search_eval.KEPT,
            "gzip_bytes": engine_bytes(server.root, engine),
            "first_result_ms": first_result_ms(browser, server, engine),
            "sets": {
                name: search_rates(browser, server, data, engine)
                for name, data in search_eval.SETS.items()
            },
        }
        for engine in search_eval.ENGINES
    }


def run_lighthouse(
    server: SiteServer, pages: list[str], name: str, work: Path, runs: int
) -> dict[str, Any]:
    """Each page `runs` times; the run with the median performance score is
    kept whole (its LCP, TBT and DOM), with every run's score beside it.
    One run is not a figure: Lighthouse's simulated LCP on the same page comes
    out near 1.7 s or near 2.5 s from one run to the next, 92 or 99."""
    results = {}
    for number, url in enumerate(pages, 1):
        say(f"lighthouse {name} {number}/{len(pages)}: /{url} ({runs} runs)")
        out = work / f"lh-{name}-{url.strip('/').replace('/', '_') or 'home'}.json"
        done = [lighthouse(server.url(url), out) for _ in range(runs)]
        done.sort(key=lambda lh: lh.scores["performance"])
        results[url] = dataclasses.asdict(done[len(done) // 2])
        results[url]["performance_runs"] = [lh.scores["performance"] for lh in done]
    return results


def positive(value: str) -> int:
    """argparse type: a whole number of runs, at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of runs (1 or more): {value!r}")
    return int(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="Lighthouse only these pages")
    parser.add_argument(
        "--runs",
        type=positive,
        default=3,
        help="Lighthouse runs per page; the median is reported (default 3)",
    )
    parser.add_argument(
        "--search-only", action="store_true", help="only build and compare search"
    )
    args = parser.parse_args()
    if args.search_only:
        search_only()
        return
    if not LIGHTHOUSE.is_file():
        sys.exit(f"no Lighthouse at {LIGHTHOUSE}: run `make bench` (it installs it)")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    report: dict[str, Any] = {"sites": {}, "lighthouse": {}}
    with (
        SiteServer(work / "ours", gzip=True) as ours,
        SiteServer(work / "stock-site", gzip=True) as stock,
        sync_playwright() as playwright,
    ):
        warm = (ROOT / ".cache" / "build").is_dir()
        cache = "warm" if warm else "cold"
        say(f"building this site (mkdocs build --strict, {cache} cache)")
        seconds = build(ROOT / "mkdocs.yml", ours.root, SITE_URL, strict=True)
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS, headless=True
        )
        report["search"] = compare_search(browser, ours)
        search.empty_material_index(ours.root / search.MATERIAL_INDEX)  # as shipped
        say(f"  {seconds.wall:.2f} s wall, {seconds.cpu:.2f} s CPU")
        say("building the same Markdown with stock Material settings")
        config = stock_site.write(work / "stock", SITE_URL)
        stock_seconds = build(config, stock.root, SITE_URL, strict=False)
        say(f"  {stock_seconds.wall:.2f} s wall, {stock_seconds.cpu:.2f} s CPU")
        report["sites"]["ours"] = {"build": dataclasses.asdict(seconds), "warm": warm}
        report["sites"]["ours"] |= weigh(browser, ours, "this site")
        report["sites"]["stock"] = {"build": dataclasses.asdict(stock_seconds)}
        report["sites"]["stock"] |= weigh(browser, stock, "the stock build")
        browser.close()
        pages = html.reader_pages(ours.root) if args.pages is None else args.pages
        report["lighthouse"]["ours"] = run_lighthouse(
            ours, pages, "this site", work, args.runs
        )
        stock_pages = [p for p in STOCK_LIGHTHOUSE if p in pages]
        report["lighthouse"]["stock"] = run_lighthouse(
            stock, stock_pages, "stock", work, args.runs
        )
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2))
    print()
    print_report(report)
    print(f"\nreport: {REPORT.relative_to(ROOT)}")


def ratio(ours: float, stock: float) -> str:
    return f"{ours / stock:.2f}x" if stock else "-"


def kb(size: float) -> str:
    return f"{size / 1024:.1f}"


def print_report(report: dict[str, Any]) -> None:
    ours, stock = report["sites"]["ours"], report["sites"]["stock"]
    print("Build and search index: this site vs the same Markdown on stock Material")
    print(f"  {'':<28}{'this site':>12}{'stock':>12}{'ratio':>9}")
    for kind in ["wall", "cpu"]:
        ob, sb = ours["build"][kind], stock["build"][kind]
        label = f"build seconds, {kind}"
        print(f"  {label:<28}{ob:>12.2f}{sb:>12.2f}{ratio(ob, sb):>9}")
    oi, si = ours["search_index"], stock["search_index"]
    print(
        f"  {'search index KB raw/gzip':<28}"
        f"{kb(oi['raw']) + '/' + kb(oi['gzip']):>12}"
        f"{kb(si['raw']) + '/' + kb(si['gzip']):>12}{ratio(oi['gzip'], si['gzip']):>9}"
    )
    print("\nPer page (KB; ratio = this site / the same page on stock Material)")
    header = (
        f"  {'page':<20}{'HTML raw':>9}{'stock':>8}{'ratio':>7}"
        f"{'transfer gz':>12}{'ratio':>7}{'req':>5}"
        f"{'perf':>6}{'LCP s':>7}{'TBT ms':>8}{'DOM':>6}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    lighthouse = report["lighthouse"]["ours"]
    for url, page in ours["pages"].items():
        base = stock["pages"].get(url)
        lh = lighthouse.get(url)
        print(
            f"  {url or 'home':<20}{kb(page['html_raw']):>9}"
            f"{kb(base['html_raw']) if base else '-':>8}"
            f"{ratio(page['html_raw'], base['html_raw']) if base else '-':>7}"
            f"{kb(page['gzip']):>12}"
            f"{ratio(page['gzip'], base['gzip']) if base else '-':>7}"
            f"{len(page['requests']) + len(page['external']):>5}"
            + (
                f"{lh['scores']['performance']:>6}{lh['lcp_ms'] / 1000:>7.1f}"
                f"{lh['tbt_ms']:>8.0f}{lh['dom_size']:>6}"
                if lh
                else ""
            )
        )
    print(
        "\nLighthouse 12, mobile, gzip-served: perf / a11y / best practices / SEO"
        " (the median run; every run's perf)"
    )
    for name in ["ours", "stock"]:
        for url, lh in report["lighthouse"][name].items():
            label = f"{'this site' if name == 'ours' else 'stock'} /{url}"
            scores = " / ".join(str(lh["scores"][c]) for c in CATEGORIES)
            each = " ".join(str(p) for p in lh["performance_runs"])
            print(
                f"  {label:<34}{scores:<23}LCP {lh['lcp_ms'] / 1000:.1f} s, "
                f"TBT {lh['tbt_ms']:.0f} ms, DOM {lh['dom_size']}  [{each}]"
            )
    print_search(report["search"])


def search_only() -> None:
    """`make bench-search`: build, compare the engines, print, write the report."""
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    with SiteServer(work / "ours", gzip=True) as ours, sync_playwright() as playwright:
        say("building this site (mkdocs build --strict)")
        build(ROOT / "mkdocs.yml", ours.root, SITE_URL, strict=True)
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS, headless=True
        )
        report = {"search": compare_search(browser, ours)}
        browser.close()
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.with_name("search.json").write_text(json.dumps(report, indent=2))
    print()
    print_search(report["search"])


def print_search(engines: dict[str, Any]) -> None:
    """Each engine on each set, then the kept engine's misses by kind."""
    print(
        "\nSearch engines, same build, same browser (top-3: the owner in the first"
        " 3 cards; KB: what the search loads, gzip; first: ms to the first result,"
        f" CPU {PHONE_CPU}x slower)"
    )
    header = f"  {'engine':<48}{'set':<8}{'n':>5}{'top-1':>7}{'top-3':>7}{'MRR':>6}"
    print(header + f"{'KB':>7}{'first':>8}")
    for name, engine in engines.items():
        label = name + (" (kept)" if engine["kept"] else "")
        for set_name, result in engine["sets"].items():
            rates = result["rates"]
            print(
                f"  {label:<48}{set_name:<8}{rates['total']:>5}{rates['top1']:>7.0%}"
                f"{rates['top3']:>7.0%}{rates['mrr']:>6.2f}"
                f"{kb(engine['gzip_bytes']):>7}{engine['first_result_ms']:>8.0f}"
            )
    for engine in engines.values():
        if not engine["kept"]:
            continue
        for set_name, result in engine["sets"].items():
            for miss in result["misses"]:
                landed = ", ".join(
                    card[1 if len(card) > 1 else 0] or "home" for card in miss["cards"]
                )
                print(
                    f"  {set_name} miss ({miss['kind']}, rank {miss['rank'] or '-'}):"
                    f" {miss['query']!r} -> {miss['expected']!r},"
                    f" landed on {landed or 'nothing'}"
                )


if __name__ == "__main__":
    main()
