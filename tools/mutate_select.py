"""Which tests can tell a mutant from the original: the tests that run its line.

Before a module's mutants run, its test files run once under coverage with one
coverage context per test (its setup, call and teardown), measuring only that
module. Each line then maps to the tests that ran it, or to "" when it ran
outside any test (at import, while collecting). A mutant runs:

- the tests that ran its statement, fastest first;
- every test of the module when its statement also ran outside a test: a
  changed constant, default or decorator reaches every test;
- nothing when no test runs its statement: it survives ("no test runs this
  line"), which is what the full files would give, since no test can reach a
  line it never runs.

Why the verdict is the one the full test files give:

- A test that never runs the changed statement runs the same code as on the
  original module, so it passes as it did there. Left out, it changes nothing,
  if the tests pass in any order and any subset: the rule `make test` already
  relies on, since pytest-xdist splits each file across its workers.
- A selected test that fails fails in the full run too, by the same rule.
- What the rule cannot see (a test reading state another test left, a cache
  filled by a test that ran the line) could make a mutant survive its selected
  tests and still be killed by the full files. So a mutant is recorded as
  surviving only after the full files passed on it too (mutate.run_module);
  the count of mutants that only the full files killed is kept in the run's
  record (`selection_missed`), and should stay 0.
- Code run only in a child process is invisible to coverage: its mutants are
  reported as survivors, never as killed. The score can be too low, never
  too high.

`--full` runs every test file for every mutant, for comparing.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import time
from collections.abc import Generator, Iterable, Mapping
from typing import Any, Protocol

import pytest

OUTSIDE_TESTS = ""  # coverage's name for lines run outside any context


class Switcher(Protocol):
    def switch_context(self, new_context: str) -> object: ...


class Recorder:
    """A pytest plugin: the coverage context is the test's node id while it runs
    (setup to teardown), "" between tests; records each test's duration."""

    def __init__(self, cov: Switcher) -> None:
        self.cov = cov
        self.durations: dict[str, float] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, Any, Any]:
        self.cov.switch_context(item.nodeid)
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            self.durations[item.nodeid] = time.perf_counter() - started
            self.cov.switch_context(OUTSIDE_TESTS)


class Selector:
    """A pytest plugin: run only `tests`, in that order (after every other
    plugin has ordered them). A selected test not collected is recorded in
    `missing` and nothing runs: the selection no longer fits the files."""

    def __init__(self, tests: Iterable[str]) -> None:
        self.tests = list(tests)
        self.missing: list[str] = []

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        by_id = {item.nodeid: item for item in items}
        self.missing = [t for t in self.tests if t not in by_id]
        items[:] = [] if self.missing else [by_id[t] for t in self.tests]


def statement_lines(source: str, lineno: int) -> range:
    """The lines of the innermost statement holding `lineno`: all of a simple
    statement, the header (decorators to the colon) of a compound one, or of an
    `except` clause. Coverage records a multi-line statement on any of its lines."""
    best: tuple[int, int, range] | None = None
    for header in _headers(source):
        if lineno in header and (
            best is None or (header.start, -len(header)) > best[:2]
        ):
            best = (header.start, -len(header), header)
    return best[2] if best else range(lineno, lineno + 1)


@functools.lru_cache(maxsize=4)
def _headers(source: str) -> tuple[range, ...]:
    """Each statement's (and `except` clause's) lines, up to its body."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.stmt | ast.excepthandler):
            continue
        decorators = getattr(node, "decorator_list", [])
        first = min([node.lineno, *(d.lineno for d in decorators)])
        last = node.end_lineno or node.lineno
        inner = [
            child.lineno
            for field in ("body", "orelse", "handlers", "finalbody")
            for child in getattr(node, field, [])
            if child.lineno > node.lineno
        ]
        found.append(range(first, min(inner, default=last + 1)))
    return tuple(found)


@dataclasses.dataclass(frozen=True)
class Selection:
    """What runs for one mutant: `tests` (node ids), or every test (`every`)."""

    tests: tuple[str, ...] = ()
    every: bool = False

    @property
    def untested(self) -> bool:
        return not self.every and not self.tests


EVERY = Selection(every=True)


def select(
    contexts: Mapping[int, Iterable[str]],
    lines: Iterable[int],
    durations: Mapping[str, float],
) -> Selection:
    """The tests that ran any of `lines` (fastest first), or EVERY when one of
    them ran outside a test."""
    ran = {test for line in lines for test in contexts.get(line, ())}
    if OUTSIDE_TESTS in ran:
        return EVERY
    return Selection(tuple(sorted(ran, key=lambda t: (durations.get(t, 0.0), t))))
