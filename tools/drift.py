"""SDK drift check: run the documented behaviour against newer inngest versions.

    make drift                       # the newest release and pre-release, from PyPI
    python -m tools.drift --python X # an interpreter that already has the SDK

The candidates: the newest release of inngest, unless it is the pin, and the
newest pre-release when it is newer than that release (an early warning). For
each, it installs the locked dependencies with that inngest into a temporary
virtualenv (the lock is never touched), runs the snippet tests there, and
compares the SDK's public surface (create_function options, top-level exports,
option model fields, step method parameters) with the pinned one.

The report keeps apart what moving the pin means:
- version bookkeeping: tests marked `sdk_pin` (the install command, the
  changelog's newest pin, the committed skill, the version string the SDK
  sends) fail by design against another version; update them with the bump;
- drift: an API change, or a failing test of documented behaviour, with the
  page sections whose claims it backs (tools/drift_sections.py).
It exits 1 when a candidate drifted, 0 when none did.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
UV = ROOT / ".tools" / "bin" / "uv"
OPTION_MODELS = [
    "Batch",
    "Cancel",
    "Concurrency",
    "Debounce",
    "Priority",
    "RateLimit",
    "Singleton",
    "Throttle",
    "Timeouts",
    "TriggerCron",
    "TriggerEvent",
    "Event",
]


def surface() -> dict[str, object]:
    """The public surface of the importable inngest (run inside each venv)."""
    import inspect
    from importlib import metadata

    import inngest

    def parameters(function: Callable[..., object]) -> list[str]:
        return sorted(p for p in inspect.signature(function).parameters if p != "self")

    return {
        "version": metadata.version("inngest"),
        "create_function": parameters(inngest.Inngest.create_function),
        "steps": {
            name: parameters(getattr(inngest.Step, name))
            for name in dir(inngest.Step)
            if not name.startswith("_")
        },
        "exports": sorted(inngest.__all__),
        "models": {
            name: sorted(getattr(inngest, name).model_fields)
            for name in OPTION_MODELS
            if hasattr(inngest, name)
        },
    }


@dataclasses.dataclass
class Failure:
    test: str
    message: str
    bookkeeping: bool = False  # the test is marked sdk_pin
    pages: list[str] = dataclasses.field(default_factory=list)


# A pytest plugin too (`-p tools.drift` in run_tests): a test marked sdk_pin
# says so in the JUnit report, where parse_junit reads it.
BOOKKEEPING = "sdk_pin"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if item.get_closest_marker(BOOKKEEPING):
            item.user_properties.append((BOOKKEEPING, "true"))


@dataclasses.dataclass
class Report:
    pinned: dict[str, object]
    candidate: dict[str, object]
    failures: list[Failure]
    tests_run: int
    kind: str = "candidate"  # "newest release", "newest pre-release", ...

    def changes(self) -> list[str]:
        lines = []
        for key in ("create_function", "exports"):
            before = set(_strings(self.pinned[key]))
            after = set(_strings(self.candidate[key]))
            lines += [f"{key}: added {name}" for name in sorted(after - before)]
            lines += [f"{key}: removed {name}" for name in sorted(before - after)]
        lines += self._named_lists("models", "{}: field {} {}")
        lines += self._named_lists("steps", "step.{}: parameter {} {}")
        return lines

    def _named_lists(self, key: str, line: str) -> list[str]:
        """What was added to and removed from each list in pinned[key]."""
        before = _mapping(self.pinned.get(key, {}))
        after = _mapping(self.candidate.get(key, {}))
        lines = []
        for name in sorted(set(before) | set(after)):
            old = set(_strings(before.get(name, [])))
            new = set(_strings(after.get(name, [])))
            lines += [line.format(name, "added", item) for item in sorted(new - old)]
            lines += [line.format(name, "removed", item) for item in sorted(old - new)]
        return lines

    @property
    def bookkeeping(self) -> list[Failure]:
        return [f for f in self.failures if f.bookkeeping]

    @property
    def behaviour(self) -> list[Failure]:
        return [f for f in self.failures if not f.bookkeeping]

    @property
    def drifted(self) -> bool:
        return bool(self.behaviour or self.changes()) or self.tests_run == 0

    def render(self) -> str:
        version = self.candidate["version"]
        out = [
            f"inngest pinned {self.pinned['version']} -> {self.kind} {version}",
            f"snippet tests run: {self.tests_run}, failed: {len(self.failures)} "
            f"({len(self.bookkeeping)} version bookkeeping, "
            f"{len(self.behaviour)} behaviour)",
        ]
        if self.tests_run == 0:
            out.append("no test ran: the candidate environment is broken")
        changes = self.changes()
        out.append("API surface: " + ("unchanged" if not changes else "changed"))
        out += [f"  {line}" for line in changes]
        if self.bookkeeping:
            out.append(
                "version bookkeeping (fails by design until the pin moves; "
                "update it with the bump):"
            )
            out += [f"  {f.test}: {f.message}" for f in self.bookkeeping]
        if self.behaviour:
            out.append("documented behaviours or messages that changed:")
            for failure in self.behaviour:
                out.append(f"  {failure.test}: {failure.message}")
                out += [f"    claim on {page}" for page in failure.pages]
            sections = dict.fromkeys(p for f in self.behaviour for p in f.pages)
            out.append("page sections whose claims would change:")
            out += [f"  {section}" for section in sections] or ["  (none found)"]
        out.append(
            f"DRIFT in {version} ({self.kind}): update snippets, pages and "
            "corrections before bumping the pin"
            if self.drifted
            else f"no drift in {version} ({self.kind}): the pin can be bumped"
            + (", with the version bookkeeping above" if self.bookkeeping else "")
        )
        return "\n".join(out)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _mapping(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def parse_junit(path: Path) -> tuple[int, list[Failure]]:
    """Count tests and collect failures from a pytest JUnit XML report."""
    from tools.drift_sections import sections_checked_by as claims_of  # reads docs/

    root = ET.parse(path).getroot()
    failures, count = [], 0
    for case in root.iter("testcase"):
        count += 1
        marked = case.find(f"properties/property[@name='{BOOKKEEPING}']") is not None
        for problem in [*case.iter("failure"), *case.iter("error")]:
            name = f"{case.get('classname')}.{case.get('name')}"
            first = (problem.get("message") or "").strip().splitlines()
            message = first[0] if first else problem.tag
            pages = [] if marked else claims_of(case.get("classname") or "")
            failures.append(Failure(name, message, marked, pages))
    return count, failures


def probe(python: str) -> dict[str, object]:
    out = subprocess.run(
        [python, str(Path(__file__).resolve()), "--surface"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def run_tests(
    python: str, workdir: Path, selection: list[str]
) -> tuple[int, list[Failure]]:
    junit = workdir / "junit.xml"
    subprocess.run(
        [
            python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "auto",  # pytest-xdist, as in `make test`
            "-p",
            "tools.drift",
            "-o",
            "addopts=",
            f"--junitxml={junit}",
            "--ignore=tests/site",
            *selection,
        ],
        cwd=ROOT,
        check=False,
    )
    if not junit.exists():
        return 0, []
    return parse_junit(junit)


def newest(prerelease: bool) -> str:
    """The newest inngest on the package index (a pre-release too, if asked)."""
    command = [str(UV), "pip", "compile", "-", "--no-deps", "--no-header", "--quiet"]
    command += ["--python", sys.executable, "--refresh-package", "inngest"]
    if prerelease:
        command += ["--prerelease", "allow"]
    resolved = subprocess.run(
        command, input="inngest\n", check=True, capture_output=True, text=True
    ).stdout
    return next(
        line.split("==", 1)[1].strip()
        for line in resolved.splitlines()
        if line.startswith("inngest==")
    )


def candidates(pinned: str) -> tuple[list[tuple[str, str]], list[str]]:
    """[(kind, version)] to test, and a line for each one left out and why."""
    release, newest_at_all = newest(prerelease=False), newest(prerelease=True)
    chosen, skipped = [], []
    if release == pinned:
        skipped.append(f"newest release {release} is the pin: nothing to compare")
    else:
        chosen.append(("newest release", release))
    if newest_at_all != release:  # the resolver picks the highest: newer
        chosen.append(("newest pre-release", newest_at_all))
    else:
        skipped.append(f"no pre-release newer than {release}")
    return chosen, skipped


def install_candidate(workdir: Path, version: str) -> str:
    """A venv with the locked dependencies and inngest==`version`."""
    requirements = workdir / "requirements.txt"
    exported = subprocess.run(
        [
            str(UV),
            "export",
            "--frozen",
            "--all-groups",
            "--no-hashes",
            "--no-emit-project",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pinned = [
        line for line in exported.splitlines() if not line.startswith("inngest==")
    ]
    requirements.write_text("\n".join([*pinned, f"inngest=={version}"]) + "\n")
    venv = workdir / "venv"
    subprocess.run(
        [str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True
    )
    python = str(venv / "bin" / "python")
    subprocess.run(
        [
            str(UV),
            "pip",
            "install",
            "--quiet",
            "--python",
            python,
            "-r",
            str(requirements),
        ],
        check=True,
    )
    return python


def check(python: str, workdir: Path, tests: list[str], kind: str) -> Report:
    """Run the tests in `python`'s environment and compare its SDK's surface."""
    workdir.mkdir(parents=True, exist_ok=True)
    tests_run, failures = run_tests(python, workdir, tests)
    # This interpreter has the pinned SDK: its surface needs no subprocess.
    return Report(surface(), probe(python), failures, tests_run, kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surface", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--python", help="use this interpreter instead of installing")
    parser.add_argument(
        "--report", type=Path, help="also write the report as JSON here"
    )
    parser.add_argument("tests", nargs="*", default=["tests"], help="test paths to run")
    args = parser.parse_args(argv)
    if args.surface:
        print(json.dumps(surface()))
        return 0
    reports: list[Report] = []
    with tempfile.TemporaryDirectory(prefix="drift-") as tmp:
        workdir = Path(tmp)
        if args.python:
            reports.append(check(args.python, workdir, args.tests, "interpreter"))
        else:
            chosen, skipped = candidates(str(surface()["version"]))
            for line in skipped:
                print(line, flush=True)
            for kind, version in chosen:
                print(f"testing {kind} {version} ...", flush=True)
                folder = workdir / version
                folder.mkdir()
                python = install_candidate(folder, version)
                reports.append(check(python, folder, args.tests, kind))
    print("\n\n".join(report.render() for report in reports) or "nothing to test")
    if args.report:
        data = {"candidates": [dataclasses.asdict(report) for report in reports]}
        args.report.write_text(json.dumps(data, indent=2))
    return 1 if any(report.drifted for report in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
