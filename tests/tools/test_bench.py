"""tools/bench.py (`make bench`): builds are timed and a failed one stops the
bench naming its config; Lighthouse's report is read into scores; the whole run
writes the report it prints. Chromium, Lighthouse and the two real builds are
stood in for: no figure is asserted here (figures belong in `make bench`)."""

import gzip
import itertools
import json
import stat
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tools import bench, chromium, page_weight, search_eval, stock_site
from tools.serve import SiteServer


def tiny_project(folder: Path, config: str = "site_name: tiny\n") -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Tiny\n")
    (folder / "mkdocs.yml").write_text(config)
    return folder / "mkdocs.yml"


def test_build_times_a_real_build(tmp_path: Path) -> None:
    config = tiny_project(tmp_path / "project")
    seconds = bench.build(config, tmp_path / "out", "http://x/", strict=True)
    assert (tmp_path / "out" / "index.html").is_file()
    assert seconds.wall > 0
    assert seconds.cpu > 0


def test_a_failed_build_stops_the_bench_naming_the_config(tmp_path: Path) -> None:
    config = tiny_project(tmp_path / "project", "site_name: tiny\ntheme: nonesuch\n")
    with pytest.raises(SystemExit, match=r"build of .*mkdocs\.yml failed"):
        bench.build(config, tmp_path / "out", "http://x/", strict=False)


LIGHTHOUSE_REPORT = {
    "categories": {c: {"score": 0.91} for c in bench.CATEGORIES},
    "audits": {
        "largest-contentful-paint": {"numericValue": 1200.5},
        "total-blocking-time": {"numericValue": 30.0},
        "dom-size": {"numericValue": 812.0},
    },
}


def test_lighthouse_reads_scores_and_metrics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "lighthouse"
    report = tmp_path / "report.json"
    report.write_text(json.dumps(LIGHTHOUSE_REPORT))
    # Copies the canned report where --output-path asks, and keeps its arguments.
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$CHROME_PATH $@" > {tmp_path}/args\n'
        'for a in "$@"; do case "$a" in --output-path=*) '
        f'cp {report} "${{a#--output-path=}}";; esac; done\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(bench, "LIGHTHOUSE", fake)
    monkeypatch.setattr(chromium, "path", lambda: "/bin/chrome")
    result = bench.lighthouse("http://127.0.0.1:1/page/", tmp_path / "out.json")
    assert result == bench.Lighthouse(
        scores=dict.fromkeys(bench.CATEGORIES, 91),
        lcp_ms=1200.5,
        tbt_ms=30.0,
        dom_size=812,
    )
    args = (tmp_path / "args").read_text()
    assert args.startswith("/bin/chrome http://127.0.0.1:1/page/ ")
    assert "--output=json" in args


def built(root: Path) -> Path:
    for url in ("", "guides/debug/"):
        (root / url).mkdir(parents=True, exist_ok=True)
        (root / url / "index.html").write_text("<p>page</p>")
    return root


def fake_weight(browser: object, server: SiteServer, url: str) -> Any:
    return page_weight.PageWeight(url, [f"/{url}"], [], 2048, 1024, 1500, 700)


@pytest.fixture
def stand_ins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_playwright: Any
) -> dict[str, Any]:
    """Every heavy part of the bench replaced; `seen` records what ran."""
    seen: dict[str, Any] = {"lighthouse": [], "builds": []}
    lighthouse_bin = tmp_path / "lighthouse"
    lighthouse_bin.write_text("")
    monkeypatch.setattr(bench, "LIGHTHOUSE", lighthouse_bin)
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    monkeypatch.setattr(bench, "REPORT", tmp_path / ".bench" / "report.json")
    monkeypatch.setattr(tempfile, "mkdtemp", lambda prefix: str(tmp_path / "w"))

    def build(config: Path, out: Path, site_url: str, *, strict: bool) -> Any:
        seen["builds"].append((config, strict))
        built(out)
        (out / "search").mkdir()
        (out / "search" / "search_index.json").write_text("{}")
        return bench.BuildTime(wall=2.0, cpu=1.5)

    # Performance 99, 92, 97 for the runs of each page, in that order; the
    # run's LCP tells which run a figure came from.
    scores = itertools.cycle([99, 92, 97])

    def lighthouse(url: str, out: Path) -> bench.Lighthouse:
        seen["lighthouse"].append(url.split("/", 3)[3])
        perf = next(scores)
        return bench.Lighthouse(
            {**dict.fromkeys(bench.CATEGORIES, 100), "performance": perf},
            perf * 10.0,
            10.0,
            500,
        )

    class Browser:
        def new_page(self) -> Any:
            return SimpleNamespace(goto=lambda url: None, close=lambda: None)

        def close(self) -> None:
            seen["browser closed"] = True

    queries = [
        search_eval.Query("hit", "guides/debug/", "task"),
        search_eval.Query("miss", "nowhere/", "typo"),
    ]

    def run(
        page: object, origin: str, asked: list[search_eval.Query], engine: object
    ) -> Any:
        return [search_eval.Outcome(q, [["guides/debug/"]]) for q in asked]

    monkeypatch.setattr(bench, "build", build)
    monkeypatch.setattr(bench, "lighthouse", lighthouse)
    monkeypatch.setattr(bench, "sync_playwright", fake_playwright(Browser()))
    monkeypatch.setattr(page_weight, "measure", fake_weight)
    monkeypatch.setattr(search_eval, "load", lambda data: queries)
    monkeypatch.setattr(search_eval, "run", run)
    monkeypatch.setattr(bench, "first_result_ms", lambda browser, server, e: 250.0)
    monkeypatch.setattr(bench, "engine_bytes", lambda root, e: 2048)
    monkeypatch.setattr(stock_site, "write", lambda folder, url: folder / "mkdocs.yml")
    return seen


def test_a_full_run_writes_and_prints_the_report(
    stand_ins: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.argv", ["bench"])
    bench.main()
    report = json.loads((tmp_path / ".bench" / "report.json").read_text())
    assert [strict for _, strict in stand_ins["builds"]] == [True, False]
    assert set(report["sites"]["ours"]["pages"]) == {"", "guides/debug/"}
    assert report["sites"]["ours"]["warm"] is False
    # Every engine on both sets, through the same code, each named by its file.
    assert list(report["search"]) == [e.name for e in search_eval.ENGINES]
    for engine in report["search"].values():
        assert engine["gzip_bytes"] == 2048
        assert engine["first_result_ms"] == 250.0
        assert list(engine["sets"]) == ["tuning", "blind"]
        for name, data in search_eval.SETS.items():
            assert engine["sets"][name]["file"] == data.name
            assert engine["sets"][name]["rates"]["top3"] == 0.5
            assert engine["sets"][name]["misses"] == [
                {
                    "query": "miss",
                    "kind": "typo",
                    "rank": None,
                    "expected": "nowhere/",
                    "cards": [["guides/debug/"]],
                }
            ]
    # Every page of this site three times, then the stock build of the
    # heaviest ones built, three times each.
    assert stand_ins["lighthouse"] == [
        *["", "", ""],
        *["guides/debug/"] * 3,
        *["", "", ""],
        *["guides/debug/"] * 3,
    ]
    # The median run is kept whole (its LCP is 970 ms), with every score.
    debug = report["lighthouse"]["ours"]["guides/debug/"]
    assert debug["scores"]["performance"] == 97
    assert debug["lcp_ms"] == 970.0
    assert debug["performance_runs"] == [92, 97, 99]
    assert stand_ins["browser closed"]
    out = capsys.readouterr().out
    assert "build seconds, cpu" in out
    rows = [line.split() for line in out.splitlines()]
    assert ["(kept)", "blind", "2", "50%", "50%", "0.50", "2.0", "250"] in [
        row[-8:] for row in rows
    ]
    assert (
        "tuning miss (typo, rank -): 'miss' -> 'nowhere/', landed on guides/debug/"
        in out
    )
    assert out.count("blind miss") == 1  # the kept engine's only
    assert "report: .bench/report.json" in out
    assert "LCP 1.0 s, TBT 10 ms, DOM 500  [92 97 99]" in out


def test_pages_limits_lighthouse(
    stand_ins: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "sys.argv", ["bench", "--pages", "guides/debug/", "--runs", "1"]
    )
    bench.main()
    assert stand_ins["lighthouse"] == ["guides/debug/", "guides/debug/"]


@pytest.mark.parametrize("runs", ["0", "-1", "two"])
def test_runs_must_be_a_number_of_runs(
    runs: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["bench", "--runs", runs])
    with pytest.raises(SystemExit):
        bench.main()
    assert f"not a number of runs (1 or more): {runs!r}" in capsys.readouterr().err


def test_no_lighthouse_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "LIGHTHOUSE", tmp_path / "missing")
    monkeypatch.setattr("sys.argv", ["bench"])
    with pytest.raises(SystemExit, match=r"no Lighthouse at .*missing: run `make"):
        bench.main()


def test_the_report_prints_dashes_where_stock_has_no_figure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = {"build": {"wall": 1.0, "cpu": 0.0}, "search_index": {"raw": 0, "gzip": 0}}
    page = {"html_raw": 1024, "gzip": 512, "requests": ["/"], "external": []}
    bench.print_report(
        {
            "sites": {
                "ours": {**site, "pages": {"": page}},
                "stock": {**site, "pages": {}},
            },
            "lighthouse": {"ours": {}, "stock": {}},
            "search": {
                "pagefind": {
                    "kept": True,
                    "gzip_bytes": 1024,
                    "first_result_ms": 1.0,
                    "sets": {
                        "tuning": {
                            "file": "search_eval.toml",
                            "rates": {"total": 1, "top1": 1, "top3": 1, "mrr": 1},
                            "misses": [
                                {
                                    "query": "q",
                                    "kind": "task",
                                    "rank": None,
                                    "expected": "",
                                    "cards": [],
                                }
                            ],
                        },
                    },
                },
            },
        }
    )
    out = capsys.readouterr().out
    assert "build seconds, cpu" in out
    assert "tuning miss (task, rank -): 'q' -> '', landed on nothing" in out
    home = next(line for line in out.splitlines() if line.strip().startswith("home"))
    assert home.split()[1:4] == ["1.0", "-", "-"]


def test_engine_bytes_count_what_each_search_loads(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs": []}' * 50)
    worker = tmp_path / search_eval.MATERIAL_WORKER
    worker.parent.mkdir(parents=True)
    worker.write_text("self.onmessage = null;" * 50)
    (tmp_path / "assets" / "search-worker.js").write_text("var a = 1;" * 50)
    (tmp_path / "pagefind" / "index").mkdir(parents=True)
    packed = gzip.compress(b"x" * 500)
    (tmp_path / "pagefind" / "index" / "en.pf_index").write_bytes(packed)
    material = bench.engine_bytes(tmp_path, search_eval.MATERIAL)
    assert material == bench.gzipped(worker) + bench.gzipped(
        tmp_path / "search" / "search_index.json"
    )
    pagefind = bench.engine_bytes(tmp_path, search_eval.PAGEFIND)
    # Pagefind's files are compressed already: counted as they are.
    assert bench.gzipped(tmp_path / "pagefind" / "index" / "en.pf_index") == len(packed)
    assert pagefind > len(packed)


def test_first_result_is_timed_cold_on_a_slow_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[Any] = []
    times = iter([900.0, 300.0, 500.0])

    class Context:
        def new_page(self) -> Any:
            return SimpleNamespace(goto=lambda url: None)

        def new_cdp_session(self, page: object) -> Any:
            return SimpleNamespace(send=lambda *args: sent.append(args))

        def close(self) -> None:
            pass

    browser = SimpleNamespace(new_context=Context)
    server = SimpleNamespace(url=lambda path: "http://x/", origin="http://x")
    monkeypatch.setattr(
        search_eval, "timed_run", lambda page, origin, q, engine: ([], next(times))
    )
    ms = bench.first_result_ms(browser, server, search_eval.PAGEFIND)  # type: ignore[arg-type]
    assert ms == 500.0  # the median of 3
    assert sent == [("Emulation.setCPUThrottlingRate", {"rate": 4})] * 3
