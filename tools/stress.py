"""The browser tests, run again and again on a busy machine: `make stress`.

    make stress                                # 5 runs, 2 busy processes per core
    python -m tools.stress --runs 2 --load 1 -- -k copy

A test that waits for time ("right after the click", a sleep) instead of for
a condition passes on a quiet machine and fails on a busy one, such as a
newcomer's laptop installing the venv and a browser beside the first
`make test`. This builds the site once, then runs the browser tests (`-m
browser`, as `make test` runs them) RUNS times in a row with LOAD busy
processes per core beside them, on top of whatever the machine already does.
It prints each run's outcome and one summary line, and stops the load at the
end, whatever happens (each busy process also ends by itself once this one is
gone). It exits 0 only when every run passed.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from docsite.urls import LOCAL_SITE_URL
from tools.drift import Failure, parse_junit

ROOT = Path(__file__).resolve().parents[1]
# A busy loop that checks every few milliseconds whether the process that
# started it (argv[1]) is still its parent: killed or not, it never outlives it.
BUSY = """import os, sys
parent = int(sys.argv[1])
while os.getppid() == parent:
    for _ in range(100_000):
        pass
"""


@contextlib.contextmanager
def busy_processes(count: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` processes that each keep a core busy, stopped on the way out."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(count):
            command = [sys.executable, "-c", BUSY, str(os.getpid())]
            started.append(subprocess.Popen(command))
        yield started
    finally:
        for process in started:
            process.kill()
        for process in started:
            process.wait()


def stop_on_sigterm() -> None:
    """SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C: the load is stopped."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def build_site(out: Path) -> None:
    """`mkdocs build --strict` into `out`, for the local address the tests use."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "--site-dir",
            str(out),
        ],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": LOCAL_SITE_URL},
        check=True,
    )


def suite_command(junit: Path, pytest_args: Sequence[str]) -> list[str]:
    """The browser tests as `make test` runs them (two workers, grouped by page)."""
    return [
        sys.executable,
        "-m",
        "pytest",
        "-m",
        "browser",
        "-n",
        "2",
        "--dist",
        "loadgroup",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={junit}",
        *pytest_args,
    ]


@dataclasses.dataclass
class Run:
    number: int
    tests: int
    failures: list[Failure]
    seconds: float

    @property
    def passed(self) -> bool:
        return self.tests > 0 and not self.failures

    def render(self, runs: int) -> str:
        head = f"run {self.number}/{runs}: "
        if self.tests == 0:
            return head + f"no test ran ({self.seconds:.0f} s): see pytest's output"
        if self.passed:
            return head + f"{self.tests} passed in {self.seconds:.0f} s"
        lines = [
            head + f"{len(self.failures)} of {self.tests} FAILED "
            f"in {self.seconds:.0f} s:"
        ]
        lines += [f"  {failure.test}: {failure.message}" for failure in self.failures]
        return "\n".join(lines)


def stop_group(process: subprocess.Popen[bytes], grace: float = 30) -> None:
    """SIGTERM to `process`'s group (pytest, its workers, Playwright's drivers,
    which close their browsers), then SIGKILL if it outlives `grace` seconds."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_in_own_group(command: list[str], env: dict[str, str]) -> None:
    """Run `command` in a process group of its own; stopped with this process
    (Ctrl-C, SIGTERM), it stops that whole group: no worker or browser lives on."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        process.wait()
    except BaseException:
        stop_group(process)
        raise


def run_suite(
    number: int, site: Path, workdir: Path, pytest_args: Sequence[str]
) -> Run:
    junit = workdir / f"run-{number}.xml"
    started = time.monotonic()
    run_in_own_group(
        suite_command(junit, pytest_args), {**os.environ, "TEST_SITE_DIR": str(site)}
    )
    seconds = time.monotonic() - started
    tests, failures = parse_junit(junit) if junit.exists() else (0, [])
    return Run(number, tests, failures, seconds)


def header(runs: int, busy: int) -> str:
    return (
        f"stress: the browser tests {runs} times, with {busy} busy processes on "
        f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} before)"
    )


def summary(runs: list[Run], planned: int, busy: int) -> str:
    passed = sum(run.passed for run in runs)
    load = os.getloadavg()[0]
    verdict = "PASSED" if passed == planned else "FAILED"
    return (
        f"stress {verdict}: {passed} of {planned} browser-suite runs passed, with "
        f"{busy} busy processes on {os.cpu_count()} cores "
        f"(load average {load:.1f} at the end)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="times to run the suite")
    parser.add_argument("--load", type=int, default=2, help="busy processes per core")
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments")
    args = parser.parse_args(argv)
    stop_on_sigterm()
    busy = args.load * (os.cpu_count() or 1)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="stress-") as tmp:
        workdir = Path(tmp)
        site = args.site or workdir / "site"
        if args.site is None:
            build_site(site)
        print(header(args.runs, busy), flush=True)
        try:
            with busy_processes(busy):
                for number in range(1, args.runs + 1):
                    runs.append(run_suite(number, site, workdir, args.pytest_args))
                    print(runs[-1].render(args.runs), flush=True)
        except (KeyboardInterrupt, SystemExit):
            print(
                f"stress STOPPED during run {len(runs) + 1} of {args.runs}: "
                "the suite and the load are stopped",
                flush=True,
            )
            raise
    print(summary(runs, args.runs, busy), flush=True)
    return 0 if all(run.passed for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
