"""make mutate's runner: baseline, skipped mutants, timeouts, the worker pool and
the command line (tests/tools/test_mutate.py has the report and one real run)."""

import concurrent.futures
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tools import mutate

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks pytest")

MODULE = "snippets/demo/age.py"


def project(root: Path, source: str, test: str) -> Path:
    """A repository with one snippet module and its mirrored test module."""
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

    def run_module(module: str, equivalents: object) -> mutate.ModuleResult:
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

    def run_all(modules: list[str], equivalents: object, jobs: int) -> Any:
        assert (modules, jobs) == ([module], 2)
        done = mutate.ModuleResult(module)
        done.killed = 3
        yield done

    monkeypatch.setattr(mutate, "run_all", run_all)
    monkeypatch.setattr(mutate, "load_equivalents", list)
    assert mutate.main(["comparison/leads", "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert f"{module}: 3/3 killed" in out
    assert "3/3 mutants killed: 100.0%" in out


def test_the_command_line_names_a_module_without_tests(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(mutate, "test_path", lambda module: "tests/none/test_x.py")
    assert mutate.main(["comparison/leads"]) == 2
    assert "no test module tests/none/test_x.py" in capsys.readouterr().err
