"""make mutate's test selection: which lines a mutant's statement covers, which
tests ran them, and the two pytest plugins (tests/tools/test_mutate_runs.py
runs the selection for real)."""

from types import SimpleNamespace
from typing import cast

import pytest

from tools.mutate_select import (
    EVERY,
    OUTSIDE_TESTS,
    Recorder,
    Selection,
    Selector,
    select,
    statement_lines,
)

SOURCE = """\
import functools

LIMIT = (
    18
)


@functools.cache
def check(age: int) -> bool:
    if (
        age >= LIMIT
    ):
        return True
    else:
        return False


def parse(text: str) -> int:
    try:
        return int(text)
    except (
        ValueError
    ):
        return 0
    finally:
        pass


def short(x: int) -> int:
    if x: return 1  # noqa: E701
    return 2
"""


@pytest.mark.parametrize(
    ("lineno", "lines"),
    [
        (4, range(3, 6)),  # `18`: all of a multi-line statement
        (8, range(8, 10)),  # a decorator: from it to the colon
        (9, range(8, 10)),
        (11, range(10, 13)),  # `age >= LIMIT`: a compound statement's header only
        (13, range(13, 14)),
        (22, range(21, 24)),  # `ValueError`: an except clause's header
        (20, range(20, 21)),
        (30, range(30, 31)),  # `if x: return 1`, body and all
        (14, range(14, 15)),  # `else:`, between clauses: only itself
        (7, range(7, 8)),  # a blank line
    ],
)
def test_a_mutant_covers_the_lines_of_its_statement(lineno: int, lines: range) -> None:
    assert SOURCE.splitlines()[13] == "    else:"
    assert statement_lines(SOURCE, lineno) == lines


CONTEXTS = {
    3: [OUTSIDE_TESTS],
    11: ["t.py::slow", "t.py::fast"],
    12: ["t.py::fast", "t.py::unknown"],
    20: ["t.py::slow"],
}
DURATIONS = {"t.py::slow": 2.0, "t.py::fast": 0.1}


def test_the_tests_that_ran_a_line_run_fastest_first() -> None:
    assert select(CONTEXTS, [20], DURATIONS) == Selection(("t.py::slow",))
    chosen = select(CONTEXTS, range(10, 13), DURATIONS)
    # Never timed (it ran in no test's protocol): first, as cheap as can be.
    assert chosen.tests == ("t.py::unknown", "t.py::fast", "t.py::slow")
    assert not chosen.every
    assert not chosen.untested


def test_a_line_run_outside_any_test_runs_every_test() -> None:
    assert select(CONTEXTS, range(3, 6), DURATIONS) == EVERY
    assert select(CONTEXTS, [3, 20], DURATIONS).every
    assert not EVERY.untested


def test_a_line_no_test_ran_runs_nothing() -> None:
    chosen = select(CONTEXTS, range(30, 32), DURATIONS)
    assert chosen == Selection()
    assert chosen.untested


class FakeCoverage:
    def __init__(self) -> None:
        self.contexts: list[str] = []

    def switch_context(self, new_context: str) -> None:
        self.contexts.append(new_context)


def _drive(recorder: Recorder, nodeid: str, fail: bool) -> None:
    item = cast(pytest.Item, SimpleNamespace(nodeid=nodeid))
    hook = recorder.pytest_runtest_protocol(item)
    next(hook)
    if fail:
        with pytest.raises(RuntimeError):
            hook.throw(RuntimeError("the test's protocol failed"))
    else:
        with pytest.raises(StopIteration):
            hook.send(True)


def test_each_test_is_its_own_coverage_context_and_is_timed() -> None:
    cov = FakeCoverage()
    recorder = Recorder(cov)
    _drive(recorder, "t.py::a", fail=False)
    _drive(recorder, "t.py::b", fail=True)
    assert cov.contexts == ["t.py::a", OUTSIDE_TESTS, "t.py::b", OUTSIDE_TESTS]
    assert set(recorder.durations) == {"t.py::a", "t.py::b"}
    assert all(0 <= d < 5 for d in recorder.durations.values())


def _items(*ids: str) -> list[pytest.Item]:
    return [cast(pytest.Item, SimpleNamespace(nodeid=i)) for i in ids]


def test_only_the_selected_tests_run_in_the_selected_order() -> None:
    selector = Selector(["t.py::c", "t.py::a"])
    items = _items("t.py::a", "t.py::b", "t.py::c")
    selector.pytest_collection_modifyitems(items)
    assert [i.nodeid for i in items] == ["t.py::c", "t.py::a"]
    assert selector.missing == []


def test_a_selected_test_not_collected_runs_nothing_and_is_named() -> None:
    selector = Selector(["t.py::a", "t.py::gone"])
    items = _items("t.py::a", "t.py::b")
    selector.pytest_collection_modifyitems(items)
    assert items == []
    assert selector.missing == ["t.py::gone"]
