"""`make bench`: this site against stock Material on the same Markdown, page by page.

Three sites, built and measured in the same run (tools/stock_site.py):

- `ours`: this site, as `make build` builds it;
- `features`: stock Material with the theme features a reader sees (copy,
  annotations, tabs, tooltips, instant navigation, the palette toggle...)
  and nothing else of ours: what Material's own features cost;
- `stock`: stock Material with nothing switched on.

1. Builds each site twice, cold (no .cache/build) then warm, timed.
2. Loads every page of each cold in chromium and adds up what it downloads,
   gzip-compressed as GitHub Pages serves it.
3. Runs the search sets through each search engine compared
   (tools/search_eval.py ENGINES: Material's search as tuned, Material with an
   identifier tokenizer and section boosts, Pagefind, the one the site ships),
   on the same build in the same browser: the tuning set
   (tools/search_eval.toml), the development set (tools/search_dev.toml) and
   the blind sets (tools/search_blind*.toml, never tuned against: their misses
   go to the report only, not to the screen): top-1, top-3, mean reciprocal
   rank; the bytes (gzip) each engine's index and code weigh, and the time to
   the first result on a phone profile (CPU slowed 4x, median of 3 cold
   loads). `--search-only` builds this site and runs this step alone
   (`make bench-search`).
4. For every page, `--runs` times, the three sites in turn (so each round
   of the three meets the same load on a shared machine):
   - a profile as a slow phone (tools/main_thread.py): elements, style
     recalculations, layouts, long tasks, the main thread's time by kind;
   - Lighthouse 12 (mobile, the default): scores, TBT, LCP, DOM size, and
     its main-thread breakdown.
5. Prints the tables, then the budget: each page's median performance at
   least the feature-equal baseline's and at least 95, its TBT at most that
   baseline's, its gzip transfer at most 1.05x stock's, its elements at
   most the feature-equal baseline's plus this site's own few
   (page_weight.OWN_ELEMENTS); every page that misses one is named with its
   figures.

Writes everything to .bench/report.json (after each page). `--pages
quick-reference/ guides/debug/` limits steps 4-5 to those pages ("" is the home
page); `--runs 1` for a quick look; `--against DIR` measures a site built
earlier (say, from main) as a fourth site in the same rounds: a before/after.
Timings move with the machine's load: trust the counts (bytes, elements,
recalculations, layouts) first and compare the sites' medians, not single runs.

Needs chromium (tools/browser.py) and Lighthouse in .tools/node (the
Makefile installs it from tools/lighthouse/package-lock.json).
"""

import argparse
import contextlib
import dataclasses
import gzip
import json
import os
import resource
import shutil
import statistics
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
from tools import chromium, main_thread, page_weight, search_eval, stock_site
from tools.serve import SiteServer

LIGHTHOUSE = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPORT = ROOT / ".bench" / "report.json"
BUILD_CACHE = ROOT / ".cache" / "build"
# `make serve`'s address, as in the tests: the pages link relatively, so they
# work on the bench's own ports.
SITE_URL = "http://127.0.0.1:8000/"
SITES = {"ours": "this site", "features": "stock + features", "stock": "stock"}
# The budget (module docstring, step 5).
MIN_PERFORMANCE = 95
MAX_GZIP_RATIO = 1.05


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


@dataclasses.dataclass
class BuildTime:
    wall: float  # seconds, what a person waits
    cpu: float  # user + system seconds of the build process: on a shared
    # machine the steadier figure (wall time there is mostly waiting for a core)


def build(config: Path, out: Path, site_url: str, *, strict: bool) -> BuildTime:
    """`mkdocs build`, timed."""
    env = {**os.environ, "SITE_URL": site_url}
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


def build_sites(work: Path, outs: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Every site cold, then every site warm: {site: {"cold": ..., "warm": ...}}."""
    configs = {
        "ours": ROOT / "mkdocs.yml",
        **{
            name: stock_site.write(work / f"{name}-config", SITE_URL, name)
            for name in stock_site.BASELINES
        },
    }
    shutil.rmtree(BUILD_CACHE, ignore_errors=True)  # a cold build has none
    times: dict[str, dict[str, Any]] = {name: {} for name in configs}
    for state in ("cold", "warm"):
        for name, config in configs.items():
            say(f"building {SITES[name]} ({state})")
            seconds = build(config, outs[name], SITE_URL, strict=name == "ours")
            say(f"  {seconds.wall:.2f} s wall, {seconds.cpu:.2f} s CPU")
            times[name][state] = dataclasses.asdict(seconds)
    return times


@dataclasses.dataclass
class Lighthouse:
    scores: dict[str, int]  # category -> 0..100
    lcp_ms: float
    tbt_ms: float
    dom_size: int
    main_thread_ms: dict[str, float]  # Lighthouse's breakdown: group -> ms


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
    breakdown = audits["mainthread-work-breakdown"].get("details", {}).get("items", [])
    return Lighthouse(
        scores={c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        dom_size=int(audits["dom-size"]["numericValue"]),
        main_thread_ms={i["groupLabel"]: round(i["duration"]) for i in breakdown},
    )


def median_run(runs: list[Lighthouse]) -> dict[str, Any]:
    """The run with the median performance score, kept whole (its LCP and DOM),
    with every run's score and TBT, and the median TBT. One run is not a
    figure: Lighthouse's simulated LCP on the same page comes out near 1.7 s
    or near 2.5 s from one run to the next, 92 or 99."""
    ordered = sorted(runs, key=lambda lh: lh.scores["performance"])
    kept = dataclasses.asdict(ordered[len(ordered) // 2])
    kept["performance_runs"] = [lh.scores["performance"] for lh in ordered]
    kept["tbt_runs"] = [round(lh.tbt_ms) for lh in runs]
    kept["tbt_median_ms"] = statistics.median(lh.tbt_ms for lh in runs)
    return kept


def median_profile(runs: list[main_thread.MainThread]) -> dict[str, Any]:
    """Each figure's median over the runs, and every run's blocking times."""
    numbers = {
        field.name: statistics.median(getattr(run, field.name) for run in runs)
        for field in dataclasses.fields(main_thread.MainThread)
        if field.name != "by_kind_ms"
    }
    kinds = {kind for run in runs for kind in run.by_kind_ms}
    by_kind = {
        kind: statistics.median(run.by_kind_ms.get(kind, 0.0) for run in runs)
        for kind in kinds
    }
    return {
        **numbers,
        "by_kind_ms": dict(sorted(by_kind.items(), key=lambda item: -item[1])),
        "cpu_blocking_runs": [run.cpu_blocking_ms for run in runs],
        "blocking_runs": [run.blocking_ms for run in runs],
    }


def weigh(browser: Browser, server: SiteServer, pages: list[str]) -> dict[str, Any]:
    return {
        url: dataclasses.asdict(page_weight.measure(browser, server, url))
        for url in pages
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
READER = "independent reader (its judged answers)"


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


def reader_rates() -> dict[str, Any]:
    """Each set scored by the independent reader's answers (search_eval.reader):
    the owners' ruler applied to a reader who knows every page, beside the engines."""
    return {
        name: dataclasses.asdict(search_eval.reader(search_eval.load(data)))
        for name, data in search_eval.SETS.items()
    }


def search_only() -> None:
    """`make bench-search`: build, compare the engines, print, write the report."""
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    with SiteServer(work / "ours", gzip=True) as ours, sync_playwright() as playwright:
        say("building this site (mkdocs build --strict)")
        build(ROOT / "mkdocs.yml", ours.root, SITE_URL, strict=True)
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS, headless=True
        )
        report = {"search": compare_search(browser, ours), "reader": reader_rates()}
        browser.close()
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.with_name("search.json").write_text(json.dumps(report, indent=2))
    print()
    print_search(report["search"], report["reader"])


def measure_page(
    browser: Browser, servers: dict[str, SiteServer], url: str, work: Path, runs: int
) -> dict[str, Any]:
    """Profile and Lighthouse for one page, `runs` rounds of the sites in turn."""
    profiles: dict[str, list[main_thread.MainThread]] = {n: [] for n in servers}
    audits: dict[str, list[Lighthouse]] = {n: [] for n in servers}
    for _ in range(runs):
        for name, server in servers.items():
            profiles[name].append(main_thread.profile(browser, server.url(url)))
            out = work / f"lh-{name}-{url.strip('/').replace('/', '_') or 'home'}.json"
            audits[name].append(lighthouse(server.url(url), out))
    return {
        name: {
            "main_thread": median_profile(profiles[name]),
            "lighthouse": median_run(audits[name]),
        }
        for name in servers
    }


def write(report: dict[str, Any]) -> None:
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2))


def positive(value: str) -> int:
    """argparse type: a whole number of runs, at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of runs (1 or more): {value!r}")
    return int(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", nargs="*", help="profile and Lighthouse only these pages"
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="a site built earlier (say, from main): measured as a fourth site,"
        " in the same rounds, for a before/after",
    )
    parser.add_argument(
        "--runs",
        type=positive,
        default=3,
        help="rounds per page (profile, Lighthouse); the medians count (default 3)",
    )
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="only build this site and compare the search engines",
    )
    args = parser.parse_args()
    if args.search_only:
        search_only()
        return
    if not LIGHTHOUSE.is_file():
        sys.exit(f"no Lighthouse at {LIGHTHOUSE}: run `make bench` (it installs it)")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    sites = dict(SITES)
    if args.against:
        if not (args.against / "index.html").is_file():
            sys.exit(f"--against {args.against}: no built site there (no index.html)")
        sites["against"] = f"against {args.against.name}"
    report: dict[str, Any] = {"runs": args.runs, "sites": sites}
    with contextlib.ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        roots = {name: work / name for name in SITES}
        if args.against:
            roots["against"] = args.against.resolve()
        servers = {
            name: stack.enter_context(SiteServer(root, gzip=True))
            for name, root in roots.items()
        }
        report["builds"] = build_sites(work, {n: roots[n] for n in SITES})
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS, headless=True
        )
        ours = servers["ours"].root
        report["search"] = compare_search(browser, servers["ours"])
        report["reader"] = reader_rates()
        search.empty_material_index(ours / search.MATERIAL_INDEX)  # as shipped
        every_page = html.reader_pages(ours)
        report["search_index"] = {}
        report["transfer"] = {}
        for name, server in servers.items():
            say(f"weighing {len(every_page)} pages of {sites[name]} (cold loads)")
            raw, packed = page_weight.search_index(server.root)
            if name == "ours":  # what the kept engine loads, not the emptied index
                raw = packed = engine_bytes(server.root, search_eval.KEPT)
            report["search_index"][name] = {"raw": raw, "gzip": packed}
            report["transfer"][name] = weigh(browser, server, every_page)
        pages = every_page if args.pages is None else args.pages
        report["pages"] = {}
        for number, url in enumerate(pages, 1):
            say(
                f"page {number}/{len(pages)}: /{url}"
                f" ({args.runs} rounds of {len(servers)} sites)"
            )
            report["pages"][url] = measure_page(browser, servers, url, work, args.runs)
            write(report)  # a run that stops keeps what it measured
        browser.close()
    report["budget"] = budget(report)
    write(report)
    print()
    print_report(report)
    print(f"\nreport: {REPORT.relative_to(ROOT)}")


def budget(report: dict[str, Any]) -> list[str]:
    """Every page that misses the budget (module docstring, step 5), and how."""
    misses = []
    for url, sites in report["pages"].items():
        name = url or "home"
        ours, features = sites["ours"], sites["features"]
        perf = ours["lighthouse"]["scores"]["performance"]
        base = features["lighthouse"]["scores"]["performance"]
        tbt = ours["lighthouse"]["tbt_median_ms"]
        base_tbt = features["lighthouse"]["tbt_median_ms"]
        if perf < base:
            misses.append(f"{name}: performance {perf} < {base} (stock + features)")
        if perf < MIN_PERFORMANCE:
            misses.append(f"{name}: performance {perf} < {MIN_PERFORMANCE}")
        if tbt > base_tbt:
            misses.append(
                f"{name}: TBT {tbt:.0f} ms > {base_tbt:.0f} ms (stock + features)"
            )
        gzipped = report["transfer"]["ours"][url]["gzip"]
        stock = report["transfer"]["stock"][url]["gzip"]
        if gzipped > MAX_GZIP_RATIO * stock:
            misses.append(
                f"{name}: transfer {kb(gzipped)} KB gzip = {ratio(gzipped, stock)}"
                f" stock's (budget {MAX_GZIP_RATIO}x)"
            )
        elements = ours["main_thread"]["elements"]
        allowed = features["main_thread"]["elements"] + page_weight.OWN_ELEMENTS
        if elements > allowed:
            misses.append(
                f"{name}: {elements:.0f} elements > {allowed:.0f} (stock + features"
                f" + {page_weight.OWN_ELEMENTS} of this site's own)"
            )
    return misses


def ratio(ours: float, stock: float) -> str:
    return f"{ours / stock:.2f}x" if stock else "-"


def kb(size: float) -> str:
    return f"{size / 1024:.1f}"


def slashed(values: list[Any], width: int) -> str:
    return "/".join(str(v) for v in values).rjust(width)


def print_report(report: dict[str, Any]) -> None:
    sites: dict[str, str] = report["sites"]
    names = list(sites)
    order = " / ".join(names)
    built = [n for n in names if n in report["builds"]]
    print("Build seconds, wall (CPU): this site vs the same Markdown on stock Material")
    print(f"  {'':<18}" + "".join(f"{sites[n]:>22}" for n in built))
    for state in ("cold", "warm"):
        cells = [report["builds"][n][state] for n in built]
        print(
            f"  {state:<18}"
            + "".join(f"{c['wall']:>13.2f} ({c['cpu']:>5.2f})" for c in cells)
        )
    index = report["search_index"]
    print(
        f"  {'search KB gz':<18}"
        + "".join(f"{kb(index[n]['gzip']):>22}" for n in built)
    )
    others = names[1:]
    print(
        "\nTransfer per page, KB gzip (every file a cold load fetches), and the"
        " ratio of this site's to each other site's"
    )
    print(
        f"  {'page':<20}"
        + "".join(f"{n:>10}" for n in names)
        + "".join(f"{'x ' + n:>12}" for n in others)
    )
    transfer = report["transfer"]
    for url, page in transfer["ours"].items():
        gzipped = [transfer[n].get(url, {}).get("gzip", 0) for n in others]
        print(
            f"  {url or 'home':<20}{kb(page['gzip']):>10}"
            + "".join(f"{kb(g) if g else '-':>10}" for g in gzipped)
            + "".join(f"{ratio(page['gzip'], g):>12}" for g in gzipped)
        )
    print_search(report["search"], report["reader"])
    pages = report["pages"]
    if not pages:
        return
    runs = report["runs"]
    width = 5 * len(names)
    print(f"\nLighthouse 12 mobile, median of {runs} (every run's perf), {order}")
    print(
        f"  {'page':<20}{'perf':>{width}}  {'runs':<{11 * len(names)}}"
        f"{'TBT ms':>{width + 4}}{'LCP s':>{width + 4}}"
    )
    for url, results in pages.items():
        lh = [results[n]["lighthouse"] for n in names]
        perf = [x["scores"]["performance"] for x in lh]
        each = " | ".join(" ".join(map(str, x["performance_runs"])) for x in lh)
        tbt = [round(x["tbt_median_ms"]) for x in lh]
        lcp = [f"{x['lcp_ms'] / 1000:.1f}" for x in lh]
        print(
            f"  {url or 'home':<20}{slashed(perf, width)}  {each:<{11 * len(names)}}"
            f"{slashed(tbt, width + 4)}{slashed(lcp, width + 4)}"
        )
    print(
        f"\nMain thread as a phone (CPU x{main_thread.CPU_SLOWDOWN}, median of {runs}),"
        f" {order}: elements, style recalculations and layouts (counts); blocking"
        " ms from CPU time x4 (steady) and from the long tasks the page saw"
        " (moves with the machine's load)"
    )
    columns = [
        ("elements", "elements", 6),
        ("recalcs", "style_recalcs", 4),
        ("layouts", "layouts", 4),
        ("CPU blocking", "cpu_blocking_ms", 6),
        ("seen blocking", "blocking_ms", 6),
    ]
    widths = [w * len(names) + 2 for _, _, w in columns]
    print(
        f"  {'page':<20}"
        + "".join(
            f"{title:>{w}}" for (title, _, _), w in zip(columns, widths, strict=True)
        )
    )
    totals: dict[str, dict[str, float]] = {n: {} for n in names}
    for url, results in pages.items():
        mt = [results[n]["main_thread"] for n in names]
        for name, profile in zip(names, mt, strict=True):
            for kind, ms in profile["by_kind_ms"].items():
                totals[name][kind] = totals[name].get(kind, 0.0) + ms
        print(
            f"  {url or 'home':<20}"
            + "".join(
                slashed([round(x[key]) for x in mt], w)
                for (_, key, _), w in zip(columns, widths, strict=True)
            )
        )
    print(
        "\nTop costs: main-thread CPU ms by kind of work, summed over the pages"
        " above (median runs; x4 for the phone)"
    )
    for name in names:
        top = sorted(totals[name].items(), key=lambda item: -item[1])[:7]
        print(f"  {sites[name]:<24}" + ", ".join(f"{k} {v:.0f}" for k, v in top))
    print(
        f"\nBudget: perf >= stock + features and >= {MIN_PERFORMANCE}, TBT <= stock +"
        f" features, transfer <= {MAX_GZIP_RATIO}x stock, elements <= stock +"
        f" features + {page_weight.OWN_ELEMENTS}"
    )
    for miss in report["budget"]:
        print(f"  not met: {miss}")
    if not report["budget"]:
        print(f"  every page meets it ({len(pages)} pages)")


def print_search(engines: dict[str, Any], reader: dict[str, Any]) -> None:
    """Each engine on each set, then the independent reader scored the same
    way, then the kept engine's misses on the sets that are tuned against (the
    blind sets' are in the report)."""
    print(
        "\nSearch engines, same build, same browser (top-3: the owner in the first"
        " 3 cards; answered: the owner or another section judged to answer the"
        " query, tools/search_answers.toml, in the first 3 cards; KB: what the"
        f" search loads, gzip; first: ms to the first result, CPU {PHONE_CPU}x"
        " slower)"
    )
    header = (
        f"  {'engine':<48}{'set':<8}{'n':>5}{'top-1':>7}{'top-3':>7}"
        f"{'answered':>9}{'MRR':>6}"
    )
    print(header + f"{'KB':>7}{'first':>8}")
    rows = [
        (
            name + (" (kept)" if engine["kept"] else ""),
            set_name,
            result["rates"],
            engine,
        )
        for name, engine in engines.items()
        for set_name, result in engine["sets"].items()
    ]
    # A careful reader's answer on the same ruler: what the owners allow.
    rows += [(READER, set_name, rates, None) for set_name, rates in reader.items()]
    for label, set_name, rates, engine in rows:
        cost = (
            f"{kb(engine['gzip_bytes']):>7}{engine['first_result_ms']:>8.0f}"
            if engine
            else f"{'-':>7}{'-':>8}"
        )
        print(
            f"  {label:<48}{set_name:<8}{rates['total']:>5}{rates['top1']:>7.0%}"
            f"{rates['top3']:>7.0%}{rates['answered']:>9.0%}{rates['mrr']:>6.2f}" + cost
        )
    for engine in engines.values():
        if not engine["kept"]:
            continue
        for set_name, result in engine["sets"].items():
            if set_name not in search_eval.SEEN:
                continue
            for miss in result["misses"]:
                # A card's first section link if it shows one, else its page.
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
