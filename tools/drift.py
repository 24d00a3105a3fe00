"""SDK drift check: run the documented behaviour against the newest inngest.

    make drift                       # newest inngest from PyPI, in a temp venv
    python tools/drift.py --python X # an interpreter that already has the SDK

It installs the locked dependencies with inngest left unpinned into a temporary
virtualenv (the lock is never touched), runs the snippet tests there, and
compares the SDK's public surface (create_function options, top-level exports,
option model fields) with the pinned one. It prints a report and exits 1 when
any documented behaviour, message or option changed, 0 when nothing did.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

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

    params = inspect.signature(inngest.Inngest.create_function).parameters
    return {
        "version": metadata.version("inngest"),
        "create_function": sorted(p for p in params if p != "self"),
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


@dataclasses.dataclass
class Report:
    pinned: dict[str, object]
    candidate: dict[str, object]
    failures: list[Failure]
    tests_run: int

    def changes(self) -> list[str]:
        lines = []
        for key in ("create_function", "exports"):
            before = set(_strings(self.pinned[key]))
            after = set(_strings(self.candidate[key]))
            lines += [f"{key}: added {name}" for name in sorted(after - before)]
            lines += [f"{key}: removed {name}" for name in sorted(before - after)]
        before_models = _mapping(self.pinned["models"])
        after_models = _mapping(self.candidate["models"])
        for model in sorted(set(before_models) | set(after_models)):
            old = set(_strings(before_models.get(model, [])))
            new = set(_strings(after_models.get(model, [])))
            lines += [f"{model}: field added {f}" for f in sorted(new - old)]
            lines += [f"{model}: field removed {f}" for f in sorted(old - new)]
        return lines

    @property
    def drifted(self) -> bool:
        return bool(self.failures or self.changes()) or self.tests_run == 0

    def render(self) -> str:
        out = [
            f"inngest pinned {self.pinned['version']} -> "
            f"candidate {self.candidate['version']}",
            f"snippet tests run: {self.tests_run}, failed: {len(self.failures)}",
        ]
        if self.tests_run == 0:
            out.append("no test ran: the candidate environment is broken")
        changes = self.changes()
        out.append("API surface: " + ("unchanged" if not changes else "changed"))
        out += [f"  {line}" for line in changes]
        if self.failures:
            out.append("documented behaviours or messages that changed:")
            out += [f"  {f.test}: {f.message}" for f in self.failures]
        out.append(
            "DRIFT: update snippets, pages and corrections before bumping the pin"
            if self.drifted
            else "no drift: the pin can be bumped"
        )
        return "\n".join(out)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _mapping(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def parse_junit(path: Path) -> tuple[int, list[Failure]]:
    """Count tests and collect failures from a pytest JUnit XML report."""
    root = ET.parse(path).getroot()
    failures, count = [], 0
    for case in root.iter("testcase"):
        count += 1
        for problem in [*case.iter("failure"), *case.iter("error")]:
            name = f"{case.get('classname')}.{case.get('name')}"
            first = (problem.get("message") or "").strip().splitlines()
            failures.append(Failure(name, first[0] if first else problem.tag))
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


def install_candidate(workdir: Path) -> str:
    """A venv with the locked dependencies and the newest inngest."""
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
    requirements.write_text("\n".join([*pinned, "inngest"]) + "\n")
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
            "--upgrade-package",
            "inngest",
            "-r",
            str(requirements),
        ],
        check=True,
    )
    return python


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
    with tempfile.TemporaryDirectory(prefix="drift-") as tmp:
        workdir = Path(tmp)
        candidate = args.python or install_candidate(workdir)
        tests_run, failures = run_tests(candidate, workdir, args.tests)
        # This interpreter has the pinned SDK: its surface needs no subprocess.
        report = Report(surface(), probe(candidate), failures, tests_run)
    print(report.render())
    if args.report:
        args.report.write_text(json.dumps(dataclasses.asdict(report), indent=2))
    return 1 if report.drifted else 0


if __name__ == "__main__":
    sys.exit(main())
