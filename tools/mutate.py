"""Mutation testing: does a test fail when a snippet's claim breaks?

    make mutate                                  # every module under snippets/
    make mutate MODULE=guides/improve/invoke     # one module while writing tests
    python -m tools.mutate --jobs 2 --floor 90   # the same, with options
    make mutate-report                           # the recorded runs, nothing run

Cosmic Ray makes one small change at a time to a snippet module (a number,
a comparison, a boolean operator, a removed decorator, ...), runs that module's
tests (the test modules that import it; the kit's: KIT_TESTS) and records
whether a test failed (killed) or not (survived). Of those tests, a mutant runs
only the ones that run the changed line, as one run under coverage found first
(tools/mutate_select.py says how, and why the verdict is the full files'
verdict); `--full` runs them all.
Mutants run in a copy of the repository, so the work tree is never touched.
The score is killed / (killed + survived); it must reach the floor (90 % by
default).

Not counted:
- mutants listed in tools/mutate-equivalents.toml: equivalent mutants, each
  reviewed, with the reason no test can tell them from the original;
- mutants inside type annotations (mypy checks those, not pytest).

Sessions are kept in .mutate/ (one SQLite file per module; `cr-html` and
`cr-report` read them), each with a record of its run (.json: when, at which
commit, the result, and a fingerprint of what it ran against). `--report` adds
up the recorded runs that still match the files, without running anything.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import contextlib
import dataclasses
import datetime
import difflib
import functools
import gc
import hashlib
import importlib
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cosmic_ray.ast import get_ast
from cosmic_ray.commands import init as cr_init  # the function
from cosmic_ray.mutating import MutationVisitor
from cosmic_ray.plugins import get_operator
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

from tools.mutate_select import (
    EVERY,
    Recorder,
    Selection,
    Selector,
    select,
    statement_lines,
)

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = "snippets"
# The testing kit: a single module readers download, at the root so that its
# import name here is the one they use.
KIT = "inngest_kit.py"
EQUIVALENTS = ROOT / "tools" / "mutate-equivalents.toml"
SESSIONS = ROOT / ".mutate"
# Imported once per worker, before it forks one pytest per mutant: about half
# of a test run's CPU time is these imports. Never a snippets module.
PRELOAD = (
    "pytest",
    "pydantic",
    "httpx",
    "fastapi",
    "starlette.testclient",
    "inngest",
    "inngest.fast_api",
    "inngest.experimental.mocked",
)
FRESH = {"snippets", "tests", "inngest_kit"}
PYTEST_ARGS = (
    "-x",
    "-q",
    "--no-header",
    "-p",
    "no:cacheprovider",
    "--no-cov",
    # Preloaded plugin modules (anyio) cannot be assertion-rewritten; harmless.
    "-W",
    "ignore::pytest.PytestAssertRewriteWarning",
)
# Top-level only: tests/site is a test package, /site the built site.
NOT_COPIED = {".git", ".venv", ".tools", "site", "dist", ".mutate", ".bench", ".cache"}


class MutateError(Exception):
    """A problem with the input (a module, a test file, the equivalents file)."""


# --- Which modules, which tests ------------------------------------------------


def all_modules(root: Path = ROOT) -> list[str]:
    """Every snippet module with code, and the kit: no package markers, and no
    conftest.py (a test set-up is run by the suite it sets up)."""
    return sorted(
        [KIT]
        + [
            p.relative_to(root).as_posix()
            for p in (root / SNIPPETS).rglob("*.py")
            if p.name not in {"__init__.py", "conftest.py"}
        ]
    )


def module_path(name: str, root: Path = ROOT) -> str:
    """`guides/improve/invoke`, `snippets/guides/improve/invoke.py` or
    `snippets.guides.improve.invoke` -> `snippets/guides/improve/invoke.py`."""
    path = name.strip().removesuffix(".py")
    if path == KIT.removesuffix(".py"):
        return KIT
    if "/" not in path:
        path = path.replace(".", "/")
    path = path.removeprefix(f"{SNIPPETS}/").strip("/")
    rel = f"{SNIPPETS}/{path}.py"
    if not (root / rel).is_file():
        raise MutateError(f"MODULE={name}: no file {rel}")
    return rel


# The kit's own tests, by topic. Every test module imports the kit, so the rule
# below would pick them all: the guides' tests exercise the kit, but they test
# their examples.
KIT_TESTS = (
    "tests/testing_kit/test_runs.py",
    "tests/testing_kit/test_queue.py",
    "tests/testing_kit/test_waits_and_invokes.py",
    "tests/testing_kit/test_expressions.py",
    "tests/testing_kit/test_signing.py",
    "tests/testing_kit/test_fake_api.py",
    "tests/testing_kit/test_conformance.py",
)


def _imports(path: Path) -> set[str]:
    """Dotted names a module imports (`from a import b` gives `a` and `a.b`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@functools.cache
def _importers(root: Path) -> dict[str, frozenset[str]]:
    """Test module -> the modules it imports, directly or through the helper
    modules beside the tests (tests/leadflow/samples.py), never through a
    snippet or another test module."""
    tests = root / "tests"
    helpers = {
        ".".join(p.relative_to(root).with_suffix("").parts): p
        for p in tests.rglob("*.py")
        if not p.name.startswith("test_") and p.name != "__init__.py"
    }
    found = {}
    for path in sorted(tests.rglob("test_*.py")):
        seen: set[str] = set()
        todo = _imports(path)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in helpers:
                todo |= _imports(helpers[name])
        found[path.relative_to(root).as_posix()] = frozenset(seen)
    return found


def module_tests(module: str, root: Path = ROOT) -> tuple[str, ...]:
    """What runs for each mutant of `module`: the test modules that import it
    (the kit: KIT_TESTS). Any layout works: a test of several examples, or
    several tests of one; a module no test imports has none (an error)."""
    if module == KIT:
        return KIT_TESTS
    dotted = module.removesuffix(".py").replace("/", ".")
    return tuple(test for test, names in _importers(root).items() if dotted in names)


# --- Equivalent mutants --------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Change:
    """A mutant as a reader sees it: the line before and after."""

    module: str
    line: str
    mutant: str


@dataclasses.dataclass(frozen=True)
class Equivalent:
    change: Change
    reason: str


def load_equivalents(path: Path = EQUIVALENTS) -> list[Equivalent]:
    """The reviewed list; every entry needs module, line, mutant and a reason."""
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as err:
        raise MutateError(f"{path}: not valid TOML: {err}") from err
    found = []
    for n, entry in enumerate(data.get("equivalent", []), start=1):
        missing = (
            [k for k in ("module", "line", "mutant", "reason") if not entry.get(k)]
            if isinstance(entry, dict)
            else ["module", "line", "mutant", "reason"]
        )
        if missing:
            raise MutateError(f"{path}: [[equivalent]] #{n} lacks {', '.join(missing)}")
        if not (ROOT / entry["module"]).is_file():
            raise MutateError(f"{path}: [[equivalent]] #{n}: no file {entry['module']}")
        change = Change(entry["module"], entry["line"].strip(), entry["mutant"].strip())
        found.append(Equivalent(change, entry["reason"]))
    return found


def describe(module: str, source: str, mutated: str) -> Change:
    """The changed lines (stripped, joined with ' / '), before and after."""
    before, after = source.splitlines(), mutated.splitlines()
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += [s.strip() for s in before[i1:i2]]
            added += [s.strip() for s in after[j1:j2]]
    return Change(module, " / ".join(removed), " / ".join(added))


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the type annotations are: (line, col) start and end."""
    spans = []
    for node in ast.walk(ast.parse(source)):
        notes: list[ast.expr | None] = []
        if isinstance(node, ast.arg):
            notes.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            notes.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            notes.append(node.annotation)
        spans += [
            (
                (a.lineno, a.col_offset),
                (a.end_lineno or a.lineno, a.end_col_offset or 0),
            )
            for a in notes
            if a is not None
        ]
    return spans


# --- Running one module ---------------------------------------------------------


UNTESTED = "no test runs this line"


@dataclasses.dataclass
class Survivor:
    change: Change
    operator: str
    lineno: int
    untested: bool = False  # survived without a run: UNTESTED


@dataclasses.dataclass
class ModuleResult:
    module: str
    killed: int = 0
    survivors: list[Survivor] = dataclasses.field(default_factory=list)
    equivalent: list[Change] = dataclasses.field(default_factory=list)
    annotations: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    # Survived the tests that run their line, killed by the full files: the
    # selection missed a test that could tell (tools/mutate_select.py). Expect 0.
    selection_missed: int = 0

    @property
    def scored(self) -> int:
        return self.killed + len(self.survivors)


# A child exits with this when a selected test was not collected.
UNFIT = 99


def run_tests(
    module: str, timeout: float, tests: Selection = EVERY
) -> tuple[bool, str]:
    """Run the module's tests (`tests` of them, or all) in a fork of this
    (preloaded) worker. Returns (passed, output); a run over `timeout` seconds
    counts as failed. A selection that no longer fits the files (a test not
    collected) runs them all."""
    code, output = _fork(module, timeout, tests, learn_to=None)
    if code == UNFIT:
        code, output = _fork(module, timeout, EVERY, learn_to=None)
    return code == 0, output


@dataclasses.dataclass
class Learned:
    """What one run of a module's test files under coverage found."""

    passed: bool
    output: str
    contexts: dict[int, list[str]]  # line -> node ids that ran it ("" none)
    durations: dict[str, float]
    imported: list[str]  # modules the run imported, other than snippets, tests


def learn(module: str, timeout: float) -> Learned:
    """Run the module's test files once under coverage (tools/mutate_select.py)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as found:
        code, output = _fork(module, timeout, EVERY, learn_to=found.name)
        data = json.loads(Path(found.name).read_text() or "{}")
    return Learned(
        passed=code == 0,
        output=output,
        contexts={int(k): v for k, v in data.get("contexts", {}).items()},
        durations=data.get("durations", {}),
        imported=data.get("imported", []),
    )


def preload(names: Iterable[str]) -> None:
    """Import in this worker what a test run imported, so that each fork has it.
    One that cannot be imported on its own here is left to each run: that costs
    time, never a verdict (the baseline runs after this, on the same preload)."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # any error: simply not preloaded
            continue


def _fork(
    module: str, timeout: float, tests: Selection, learn_to: str | None
) -> tuple[int, str]:
    """Run pytest in a fork; (exit code, output), -1 on timeout."""
    with tempfile.TemporaryFile() as out:
        pid = os.fork()
        # The child: its own session, output to `out`. It ends in os._exit, so
        # coverage cannot save what it ran (tests/tools/test_mutate*.py run it):
        # a tracer it inherits (coverage's, there) is switched off, or it would
        # only slow every line the child runs. Objects it inherits are frozen out of
        # garbage collection: pytest collects twice per run, and walking the whole
        # inherited heap would cost more than the test (and copy every page of it).
        if pid == 0:  # pragma: no cover
            code = 3
            try:
                sys.settrace(None)
                gc.freeze()
                os.setsid()
                os.dup2(out.fileno(), 1)
                os.dup2(out.fileno(), 2)
                sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
                code = _child(module, tests, learn_to)
            finally:
                os._exit(code)
        deadline = time.monotonic() + timeout
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return -1, f"timeout after {timeout:.0f} s"
            time.sleep(0.02)
        out.seek(0)
        output = out.read().decode(errors="replace")
    return os.waitstatus_to_exitcode(status), output


def _child(
    module: str, tests: Selection, learn_to: str | None
) -> int:  # pragma: no cover (runs in a fork)
    """pytest over the module's test files; snippets and tests are imported
    afresh (from the mutated copy). Only the run under coverage writes .pyc
    files (of the files no mutant changes: run_module deletes the module's)."""
    sys.dont_write_bytecode = learn_to is None
    before = set(sys.modules)
    for name in [n for n in sys.modules if n.split(".")[0] in FRESH]:
        del sys.modules[name]
    import pytest

    args = [*PYTEST_ARGS, *module_tests(module, Path.cwd())]
    if learn_to is None:
        selector = Selector(tests.tests)
        code = int(pytest.main(args, plugins=[] if tests.every else [selector]))
        return UNFIT if selector.missing else code
    import coverage

    cov = coverage.Coverage(
        data_file=None, include=[str(Path(module).resolve())], config_file=False
    )
    recorder = Recorder(cov)
    cov.start()
    try:
        code = int(pytest.main(args, plugins=[recorder]))
    finally:
        cov.stop()
    data = cov.get_data()
    contexts = {
        line: sorted(names)
        for measured in data.measured_files()
        for line, names in data.contexts_by_lineno(measured).items()
    }
    imported = sorted(
        n for n in set(sys.modules) - before if n.split(".")[0] not in FRESH
    )
    found = {"contexts": contexts, "durations": recorder.durations}
    Path(learn_to).write_text(json.dumps({**found, "imported": imported}))
    return code


# --- What a run ran against ------------------------------------------------------


def fingerprint(module: str, equivalents: Iterable[Equivalent], root: Path) -> str:
    """What a module's score depends on that this tool can name: the module,
    its test files, the conftest.py files above them and its listed
    equivalents. Not the rest (the kit, the SDK): a run also records its commit."""
    tests = module_tests(module, root)
    conftests = sorted(
        {
            (parent / "conftest.py").as_posix()
            for t in tests
            for parent in Path(t).parents
            if (root / parent / "conftest.py").is_file()
        }
    )
    digest = hashlib.sha256()
    for rel in (module, *tests, *conftests):
        digest.update(rel.encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    for line, mutant in sorted(
        (e.change.line, e.change.mutant)
        for e in equivalents
        if e.change.module == module
    ):
        digest.update(f"{line}\0{mutant}\0".encode())
    return digest.hexdigest()


def head_commit(root: Path) -> str:
    """The commit checked out when a run started (the work tree may differ)."""
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown"


@dataclasses.dataclass
class Run:
    """The record of one complete run of one module, kept beside its session."""

    result: ModuleResult
    started: str  # UTC, ISO 8601
    commit: str
    fingerprint: str

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(dataclasses.asdict(self), indent=1) + "\n")

    @classmethod
    def load(cls, path: Path) -> Run:
        try:
            data = json.loads(path.read_text())
            found = data["result"]
            result = ModuleResult(
                module=found["module"],
                killed=found["killed"],
                survivors=[
                    Survivor(
                        Change(**s["change"]),
                        s["operator"],
                        s["lineno"],
                        s.get("untested", False),
                    )
                    for s in found["survivors"]
                ],
                equivalent=[Change(**c) for c in found["equivalent"]],
                annotations=found["annotations"],
                errors=found["errors"],
                seconds=found["seconds"],
                selection_missed=found.get("selection_missed", 0),
            )
            return cls(result, data["started"], data["commit"], data["fingerprint"])
        except (ValueError, KeyError, TypeError) as err:
            raise MutateError(f"{path}: not a run record: {err!r}") from err


def session_path(module: str) -> Path:
    """.mutate/<module, dotted>.sqlite; its run record has the suffix .json."""
    return SESSIONS / (module.replace("/", ".") + ".sqlite")


class Mutator:
    """Cosmic Ray's mutants of one source, from one parse: its own
    `mutate_code` parses the whole module again for each mutant (twice, with
    `use_mutation`); a copy of the parsed tree from a pickle costs a quarter of
    a parse."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tree = pickle.dumps(get_ast(source), protocol=pickle.HIGHEST_PROTOCOL)

    def mutant(self, operator: object, occurrence: int) -> str:
        """The mutated source (the source itself if nothing applied)."""
        visitor = MutationVisitor(occurrence, operator)
        mutated = visitor.walk(pickle.loads(self.tree))
        return str(mutated.get_code()) if visitor.mutation_applied else self.source


@contextlib.contextmanager
def written(path: Path, mutated: str, source: str) -> Iterator[None]:
    """`path` holds `mutated` for the with-block, then `source` again."""
    path.write_text(mutated, encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(source, encoding="utf-8")


def prepare(module: str, full: bool) -> tuple[Learned | None, float, str | None]:
    """Before the mutants: the run under coverage (unless `full`), the preload,
    then the baseline exactly as mutants run. Returns what was learned, the
    mutants' timeout, and the output of a run that failed (None if none did)."""
    learned = None
    if not full:
        learned = learn(module, timeout=600)
        if not learned.passed:
            return None, 0, learned.output
        preload(learned.imported)
        for pyc in (
            Path(module).resolve().parent.glob(f"__pycache__/{Path(module).stem}.*")
        ):
            pyc.unlink()  # the module changes with every mutant: never a .pyc
    baseline = time.monotonic()
    passed, output = run_tests(module, timeout=600)
    if not passed:
        return None, 0, output
    return learned, 10 + 5 * (time.monotonic() - baseline), None


def selection(learned: Learned | None, source: str, lineno: int) -> Selection:
    """The tests a mutant on `lineno` runs (every one without a run to go by)."""
    if learned is None:
        return EVERY
    lines = statement_lines(source, lineno)
    return select(learned.contexts, lines, learned.durations)


def run_module(
    module: str, equivalents: Sequence[Equivalent], full: bool = False
) -> ModuleResult:
    """Mutate one module in the current directory (a copy) and run its tests
    (every test file for every mutant if `full`); a complete run leaves its
    record beside its session."""
    started = time.monotonic()
    when = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    commit = head_commit(ROOT)
    SESSIONS.mkdir(exist_ok=True)
    session = session_path(module)
    record = session.with_suffix(".json")
    record.unlink(missing_ok=True)  # an interrupted run leaves none
    ran_against = fingerprint(module, equivalents, Path.cwd())
    result = ModuleResult(module)
    learned, timeout, failure = prepare(module, full)
    if failure is not None:
        tests = " ".join(module_tests(module, Path.cwd()))
        result.errors.append(f"{tests} fails without any mutant:\n{failure}")
        return result
    source = Path(module).read_text(encoding="utf-8")
    spans = annotation_spans(source)
    listed = {e.change for e in equivalents}
    mutator = Mutator(source)
    with use_db(str(session), WorkDB.Mode.create) as db:
        cr_init([Path(module)], db, {})
        for item in list(db.pending_work_items):
            (spec,) = item.mutations
            operator = get_operator(spec.operator_name)(**spec.operator_args)
            mutated = mutator.mutant(operator, spec.occurrence)
            change = describe(module, source, mutated)
            if any(start <= spec.start_pos < end for start, end in spans):
                result.annotations += 1
                db.set_result(
                    item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED)
                )
                continue
            if change in listed:
                result.equivalent.append(change)
                db.set_result(
                    item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED)
                )
                continue
            chosen = selection(learned, source, spec.start_pos[0])
            passed, output = True, UNTESTED
            if not chosen.untested:
                with written(Path(module), mutated, source):
                    passed, output = run_tests(module, timeout, chosen)
                    if passed and not chosen.every:  # a survivor of the full files?
                        passed, output = run_tests(module, timeout)
                        result.selection_missed += not passed
            db.set_result(
                item.job_id,
                WorkResult(
                    worker_outcome=WorkerOutcome.NORMAL,
                    test_outcome=TestOutcome.SURVIVED if passed else TestOutcome.KILLED,
                    output=output,
                    diff=f"- {change.line}\n+ {change.mutant}",
                ),
            )
            if passed:
                result.survivors.append(
                    Survivor(
                        change, spec.operator_name, spec.start_pos[0], chosen.untested
                    )
                )
            else:
                result.killed += 1
    result.seconds = time.monotonic() - started
    Run(result, when, commit, ran_against).save(record)
    return result


def not_copied(root: str, folder: str, names: list[str]) -> set[str]:
    top = NOT_COPIED if Path(folder) == Path(root) else set()
    return {n for n in names if n in top or n == "__pycache__" or n.endswith("_cache")}


def _worker_init(root: str, scratch: str) -> None:
    """Each worker mutates its own copy of the repository."""
    copy = Path(tempfile.mkdtemp(dir=scratch)) / "repo"
    shutil.copytree(root, copy, ignore=functools.partial(not_copied, root))
    os.chdir(copy)
    for name in PRELOAD:
        importlib.import_module(name)


def _run_in_copy(
    module: str, equivalents: Sequence[Equivalent], full: bool
) -> ModuleResult:
    return run_module(module, equivalents, full)


def run_all(
    modules: Sequence[str],
    equivalents: Sequence[Equivalent],
    jobs: int,
    full: bool = False,
) -> Iterator[ModuleResult]:
    """Results as modules finish; `jobs` workers, each on its own copy."""
    with (
        tempfile.TemporaryDirectory(prefix="mutate-") as scratch,
        concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, initializer=_worker_init, initargs=(str(ROOT), scratch)
        ) as pool,
    ):
        futures = [pool.submit(_run_in_copy, m, equivalents, full) for m in modules]
        for future in concurrent.futures.as_completed(futures):
            yield future.result()


# --- Report ---------------------------------------------------------------------


def stale_equivalents(
    equivalents: Iterable[Equivalent], results: Sequence[ModuleResult]
) -> list[Equivalent]:
    """Listed mutants of a module that ran but no longer exist: the list is stale."""
    ran = {r.module for r in results}
    seen = {c for r in results for c in r.equivalent}
    return [e for e in equivalents if e.change.module in ran and e.change not in seen]


def score(results: Sequence[ModuleResult]) -> float:
    scored = sum(r.scored for r in results)
    return 100.0 * sum(r.killed for r in results) / scored if scored else 100.0


def report(
    results: Sequence[ModuleResult],
    floor: float,
    seconds: float,
    equivalents: Sequence[Equivalent],
) -> int:
    """Print the survivors and the score; 0 if the floor is met and all ran."""
    problems = [f"{r.module}: {e}" for r in results for e in r.errors]
    for r in sorted(results, key=lambda r: r.module):
        for s in r.survivors:
            why = f": {UNTESTED}" if s.untested else ""
            print(f"SURVIVED {r.module}:{s.lineno} ({s.operator}){why}")
            print(f"  - {s.change.line}\n  + {s.change.mutant}\n")
    for e in stale_equivalents(equivalents, results):
        problems.append(
            f"{EQUIVALENTS.relative_to(ROOT)}: no such mutant any more in "
            f"{e.change.module}: {e.change.line!r} -> {e.change.mutant!r}"
        )
    killed = sum(r.killed for r in results)
    scored = sum(r.scored for r in results)
    print(
        f"{killed}/{scored} mutants killed: {score(results):.1f}% "
        f"(floor {floor:g}%) over {len(results)} module(s) in {seconds:.0f} s; "
        f"not counted: {sum(len(r.equivalent) for r in results)} equivalent, "
        f"{sum(r.annotations for r in results)} in annotations"
    )
    missed = sum(r.selection_missed for r in results)
    if missed:
        print(
            f"{missed} mutant(s) survived the tests that run their line but not "
            "the full test files (tools/mutate_select.py)"
        )
    for p in problems:
        print(f"ERROR {p}", file=sys.stderr)
    if problems:
        return 1
    if score(results) < floor:
        print(f"below the floor of {floor:g}%", file=sys.stderr)
        return 1
    return 0


def recorded(
    modules: Sequence[str], equivalents: Sequence[Equivalent]
) -> tuple[list[Run], list[str]]:
    """The recorded run of each module that still matches the files, and why
    each other module has none that counts."""
    current, missing = [], []
    for module in modules:
        path = session_path(module).with_suffix(".json")
        if not path.is_file():
            missing.append(f"{module}: no complete run recorded")
            continue
        run = Run.load(path)
        if run.fingerprint != fingerprint(module, equivalents, ROOT):
            missing.append(
                f"{module}: the module, its tests or its equivalents changed "
                f"since its run of {run.started}"
            )
            continue
        current.append(run)
    return current, missing


def report_recorded(
    modules: Sequence[str], equivalents: Sequence[Equivalent], floor: float
) -> int:
    """The score from the recorded runs, each named with its time and commit;
    0 only if every module has a current run and the floor is met."""
    runs, missing = recorded(modules, equivalents)
    for run in sorted(runs, key=lambda r: r.result.module):
        r = run.result
        print(
            f"{r.module}: {r.killed}/{r.scored} killed, run {run.started} "
            f"at {run.commit} ({r.seconds:.0f} s)"
        )
    for why in missing:
        print(f"NOT COUNTED {why}")
    if runs:
        first = min(r.started for r in runs)
        last = max(r.started for r in runs)
        print(
            f"From the recorded runs of {len(runs)} of {len(modules)} module(s), "
            f"started between {first} and {last}; nothing was run now."
        )
    results = [run.result for run in runs]
    code = report(results, floor, sum(r.seconds for r in results), equivalents)
    if missing:
        print(
            f"{len(missing)} module(s) not counted: run them (make mutate MODULE=...)",
            file=sys.stderr,
        )
        return 1
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="default: every snippet module")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--floor", type=float, default=90.0)
    parser.add_argument(
        "--full",
        action="store_true",
        help="run every test file for every mutant, not only the tests that "
        "run its line",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="run nothing: add up the recorded runs that match the files",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        modules = [module_path(m) for m in args.modules] or all_modules()
        for m in modules:
            if not module_tests(m):
                raise MutateError(f"{m}: no test module imports it")
        equivalents = load_equivalents()
        if args.report:
            return report_recorded(modules, equivalents, args.floor)
    except MutateError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    results = []
    for r in run_all(modules, equivalents, max(1, args.jobs), args.full):
        results.append(r)
        print(
            f"{r.module}: {r.killed}/{r.scored} killed, {r.seconds:.0f} s",
            flush=True,
        )
    return report(results, args.floor, time.monotonic() - started, equivalents)


if __name__ == "__main__":
    sys.exit(main())
