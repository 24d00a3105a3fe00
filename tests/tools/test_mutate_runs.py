"""make mutate's runner: baseline, skipped mutants, timeouts, the worker pool and
the command line (tests/tools/test_mutate.py has the report and one real run)."""

import concurrent.futures
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tools import mutate
from tools.mutate_select import Selection

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks pytest")

MODULE = "snippets/demo/age.py"


def project(root: Path, source: str, test: str) -> Path:
    """A repository with one snippet module and a test module that imports it."""
    (root / "snippets" / "demo").mkdir(parents=True)
    (root / "tests" / "demo").mkdir(parents=True)
    for package in ("snippets", "snippets/demo"):
        (root / package / "__init__.py").touch()
    (root / MODULE).write_text(source)
    (root / "tests" / "demo" / "test_age.py").write_text(
        "from snippets.demo.age import is_adult\n\n\n" + test
    )
    (root / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\npythonpath = ["."]\n'
    )
    return root


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = project(
        tmp_path / "repo",
        "LIMIT = 18\n\n\ndef is_adult(age: int | float) -> bool:\n"
        "    return age >= LIMIT\n",
        "def test_adult() -> None:\n    assert is_adult(30)\n",
    )
    monkeypatch.setattr(mutate, "SESSIONS", tmp_path / ".mutate")
    monkeypatch.chdir(root)
    return root


@pytest.mark.slow
def test_annotations_and_listed_equivalents_are_not_run(demo: Path) -> None:
    listed = mutate.Equivalent(
        mutate.Change(MODULE, "return age >= LIMIT", "return age > LIMIT"), "why"
    )
    result = mutate.run_module(MODULE, [listed])
    assert result.errors == []
    assert result.annotations > 0  # the `|` of `int | float`
    assert result.equivalent == [listed.change]


@pytest.mark.slow
def test_a_test_that_fails_without_mutants_stops_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(
        tmp_path,
        "def is_adult(age: int) -> bool:\n    return age >= 18\n",
        "def test_adult() -> None:\n    assert is_adult(3)\n",
    )
    monkeypatch.chdir(root)
    result = mutate.run_module(MODULE, [])
    assert result.killed == 0
    [error] = result.errors
    assert error.startswith("tests/demo/test_age.py fails without any mutant")


@pytest.mark.slow
def test_a_test_run_over_its_time_counts_as_failed(demo: Path) -> None:
    slow = demo / "tests" / "demo" / "test_age.py"
    slow.write_text("import time\n\n\ndef test_slow() -> None:\n    time.sleep(30)\n")
    assert mutate.run_tests(MODULE, timeout=2) == (False, "timeout after 2 s")


def test_no_equivalents_file_lists_none(tmp_path: Path) -> None:
    assert mutate.load_equivalents(tmp_path / "none.toml") == []


class InlinePool:
    """ProcessPoolExecutor's interface, run in this process (coverage sees it)."""

    def __init__(
        self, max_workers: int, initializer: Callable[..., None], initargs: Any
    ) -> None:
        initializer(*initargs)

    def __enter__(self) -> "InlinePool":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(
        self, fn: Callable[..., Any], *args: Any
    ) -> "concurrent.futures.Future[Any]":
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        future.set_result(fn(*args))
        return future


def test_each_worker_mutates_its_own_copy(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran_in: list[tuple[Path, str]] = []

    def run_module(module: str, equivalents: object, full: bool) -> mutate.ModuleResult:
        ran_in.append((Path.cwd(), Path(module).read_text()))
        return mutate.ModuleResult(module)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(mutate, "ROOT", demo)
    monkeypatch.setattr(mutate, "PRELOAD", ("json",))
    monkeypatch.setattr(mutate, "run_module", run_module)
    [result] = list(mutate.run_all([MODULE], [], jobs=1))
    assert result.module == MODULE
    [(copy, source)] = ran_in
    assert copy != demo
    assert source == (demo / MODULE).read_text()


def test_the_command_line_runs_and_reports(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = "snippets/comparison/leads.py"

    def run_all(modules: list[str], equivalents: object, jobs: int, full: bool) -> Any:
        assert (modules, jobs, full) == ([module], 2, True)
        done = mutate.ModuleResult(module)
        done.killed = 3
        yield done

    monkeypatch.setattr(mutate, "run_all", run_all)
    monkeypatch.setattr(mutate, "load_equivalents", list)
    assert mutate.main(["comparison/leads", "--jobs", "2", "--full"]) == 0
    out = capsys.readouterr().out
    assert f"{module}: 3/3 killed" in out
    assert "3/3 mutants killed: 100.0%" in out


def test_the_command_line_names_a_module_without_tests(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(mutate, "module_tests", lambda module: ())
    assert mutate.main(["comparison/leads"]) == 2
    err = capsys.readouterr().err
    assert "snippets/comparison/leads.py: no test module imports it" in err


# A module with a line only one test runs, a line no test runs, and a test
# that reads what another test left (which the tests must never do: here it
# shows that the full files still decide every survivor).
SELECTING = (
    "LIMIT = 18\nCACHE: list[bool] = []\n\n\n"
    "def is_adult(age: int) -> bool:\n    return age >= LIMIT\n\n\n"
    "def remember() -> None:\n    CACHE.append(True)\n\n\n"
    "def never_called() -> bool:\n    return False\n"
)
SELECTING_TESTS = (
    "import snippets.demo.age as age\n\n\n"
    "def test_adult() -> None:\n    assert is_adult(30)\n    assert not is_adult(3)\n"
    "\n\ndef test_remember() -> None:\n    age.remember()\n"
    "\n\ndef test_cache() -> None:\n    assert age.CACHE == [True]\n"
)
IDS = "tests/demo/test_age.py::"


@pytest.fixture
def selecting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = project(tmp_path / "repo", SELECTING, SELECTING_TESTS)
    monkeypatch.setattr(mutate, "SESSIONS", tmp_path / ".mutate")
    monkeypatch.chdir(root)
    return root


@pytest.mark.slow
def test_one_run_under_coverage_maps_each_line_to_the_tests_that_ran_it(
    selecting: Path,
) -> None:
    learned = mutate.learn(MODULE, timeout=60)
    assert learned.passed, learned.output
    assert learned.contexts[1] == [""]  # LIMIT = 18: at import, in no test
    assert learned.contexts[6] == [IDS + "test_adult"]  # return age >= LIMIT
    assert learned.contexts[10] == [IDS + "test_remember"]  # CACHE.append(True)
    assert 14 not in learned.contexts  # never_called's body
    assert set(learned.durations) == {
        IDS + t for t in ("test_adult", "test_remember", "test_cache")
    }
    assert not [n for n in learned.imported if n.split(".")[0] in mutate.FRESH]


@pytest.mark.slow
def test_selected_and_full_runs_agree_on_every_mutant(selecting: Path) -> None:
    selected = mutate.run_module(MODULE, [])
    full = mutate.run_module(MODULE, [], full=True)
    assert selected.errors == full.errors == []
    assert selected.killed == full.killed > 0
    assert sorted(s.change.mutant for s in selected.survivors) == sorted(
        s.change.mutant for s in full.survivors
    )
    # Only never_called's mutant runs no test, and only in the selecting run.
    [untested] = [s for s in selected.survivors if s.untested]
    assert (untested.lineno, untested.change.mutant) == (14, "return True")
    assert not any(s.untested for s in full.survivors)
    # remember's mutant survives test_remember (the one test that runs it) but
    # test_cache reads the list it filled: the full files kill it, and say so.
    assert selected.selection_missed == 1
    assert full.selection_missed == 0
    assert not any(s.lineno == 10 for s in selected.survivors)
    survived = {s.change.mutant for s in selected.survivors}
    assert {"LIMIT = 19", "LIMIT = 17", "return age > LIMIT"} <= survived


@pytest.mark.slow
def test_only_the_selected_tests_run(selecting: Path) -> None:
    alone = Selection((IDS + "test_cache",))
    passed, output = mutate.run_tests(MODULE, 60, alone)
    assert not passed  # nothing filled the list: this test ran, and only it
    assert "1 failed" in output
    assert "passed" not in output


@pytest.mark.slow
def test_a_selection_that_no_longer_fits_runs_every_test(selecting: Path) -> None:
    gone = Selection((IDS + "test_adult", IDS + "test_gone"))
    passed, output = mutate.run_tests(MODULE, 60, gone)
    assert passed
    assert "3 passed" in output


def test_a_module_that_cannot_be_preloaded_is_left_to_each_run() -> None:
    mutate.preload(["json", "tools.no_such_module"])
    assert "json" in __import__("sys").modules


@pytest.mark.slow
def test_a_baseline_that_fails_after_the_coverage_run_stops_the_module(
    selecting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mutate, "run_tests", lambda *args, **kw: (False, "broke"))
    result = mutate.run_module(MODULE, [])
    assert result.errors == ["tests/demo/test_age.py fails without any mutant:\nbroke"]
    assert result.killed == 0
