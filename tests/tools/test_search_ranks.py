"""tools/search_ranks.py (`make search-ranks`): one page's rows, their ranks,
and what a contributor is told; Chromium stands in (the real run of the same
code is tests/site/test_search.py's)."""

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tools import chromium, search_eval, search_ranks
from tools.search_eval import Outcome, Query

ROWS = [
    Query("cron", "guides/cron/#schedule", "term"),
    Query("cron jobs", "guides/cron/", "task"),
    Query("step.run", "quick-reference/#step-run", "identifier"),
    Query("what tested means", "#tested", "term"),
]


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("guides/cron", "guides/cron/"),
        ("guides/cron.md", "guides/cron/"),
        ("docs/guides/cron.md", "guides/cron/"),
        ("guides/cron/", "guides/cron/"),
        ("patterns/index.md", "patterns/"),
        ("index", ""),
        ("home", ""),
    ],
)
def test_a_page_can_be_named_as_a_path_or_a_url(page: str, url: str) -> None:
    assert search_ranks.page_url(page) == url


def test_the_rows_of_one_page_or_all() -> None:
    assert search_ranks.rows_for(ROWS, "guides/cron") == ROWS[:2]
    assert search_ranks.rows_for(ROWS, "index") == ROWS[3:]
    assert search_ranks.rows_for(ROWS, None) == ROWS


def test_the_table_shows_each_rank_and_the_top_cards() -> None:
    outcomes = [
        Outcome(ROWS[0], [["guides/cron/", "guides/cron/#schedule"]]),
        Outcome(ROWS[1], [["a/"], ["b/"], ["c/"], ["guides/cron/"]]),
        Outcome(ROWS[2], []),
    ]
    assert search_ranks.table(outcomes).splitlines() == [
        "ok   1  'cron' -> 'guides/cron/#schedule'    "
        "top: guides/cron/, guides/cron/#schedule",
        "MISS  4  'cron jobs' -> 'guides/cron/'    top: a/ | b/ | c/",
        "MISS  -  'step.run' -> 'quick-reference/#step-run'    top: (nothing)",
    ]


def ranked(
    monkeypatch: pytest.MonkeyPatch, cards: list[list[str]]
) -> list[tuple[Path, list[str]]]:
    """Stand-ins for the build and the browser; what `measure` was asked."""
    asked: list[tuple[Path, list[str]]] = []

    def measure(site: Path, queries: list[Query]) -> list[Outcome]:
        asked.append((site, [q.text for q in queries]))
        return [Outcome(q, [cards[0]]) for q in queries]

    monkeypatch.setattr(search_eval, "load", lambda: ROWS)
    monkeypatch.setattr(search_ranks, "measure", measure)
    monkeypatch.setattr(search_ranks, "build", lambda out: out.mkdir())
    return asked


def test_a_page_whose_rows_all_rank_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked = ranked(monkeypatch, [["guides/cron/", "guides/cron/#schedule"]])
    assert search_ranks.main(["guides/cron"]) == 0
    [(site, texts)] = asked
    assert site.name == "site"
    assert texts == ["cron", "cron jobs"]
    out = capsys.readouterr().out
    assert "ok   1  'cron jobs' -> 'guides/cron/'" in out
    assert out.endswith("top-3 100%, top-1 100% over 2 rows\n")


def test_a_miss_exits_1_and_a_built_site_is_used_as_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked = ranked(monkeypatch, [["elsewhere/"]])
    assert search_ranks.main(["--site", str(tmp_path), "index"]) == 1
    assert asked == [(tmp_path, ["what tested means"])]


def test_a_page_without_rows_says_what_to_add(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ranked(monkeypatch, [])
    assert search_ranks.main(["guides/new"]) == 1
    err = capsys.readouterr().err
    assert "no row expects a link on 'guides/new/': add two" in err


def test_the_build_is_strict_for_the_local_address(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[dict[str, Any]] = []

    def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        ran.append({"command": command, **options})
        return subprocess.CompletedProcess(command, len(ran) - 1, "", "WARNING x")

    monkeypatch.setattr(subprocess, "run", run)
    search_ranks.build(tmp_path / "site")
    assert ran[0]["command"][-3:] == ["--strict", "-d", str(tmp_path / "site")]
    assert ran[0]["env"]["SITE_URL"] == "http://127.0.0.1:8000/"
    with pytest.raises(SystemExit, match="failed:\nWARNING x"):
        search_ranks.build(tmp_path / "site")


class FakePage:
    def __init__(self) -> None:
        self.visited: list[str] = []

    def goto(self, url: str) -> None:
        self.visited.append(url)

    def evaluate(self, script: str, args: list[Any]) -> list[Any]:
        origin = self.visited[0].rstrip("/")
        found = [{"location": f"{origin}/guides/cron/", "score": 1}]
        return [[[found] for _ in args[0]], 30.0]


class FakeBrowser:
    def __init__(self) -> None:
        self.page = FakePage()
        self.closed = False

    def new_page(self) -> FakePage:
        return self.page

    def close(self) -> None:
        self.closed = True


class FakePlaywright:
    def __init__(self, browser: FakeBrowser) -> None:
        self.browser = browser
        self.chromium = self

    def launch(self, **options: Any) -> FakeBrowser:
        assert options["executable_path"] == "/bin/chromium"
        return self.browser

    def __enter__(self) -> "FakePlaywright":
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def test_measure_serves_the_site_and_asks_its_search_worker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(
        search_ranks, "sync_playwright", lambda: FakePlaywright(browser)
    )
    monkeypatch.setattr(chromium, "path", lambda: "/bin/chromium")
    [outcome] = search_ranks.measure(tmp_path, ROWS[1:2])
    assert outcome.rank == 1
    assert browser.page.visited[0].startswith("http://127.0.0.1:")
    assert browser.closed
