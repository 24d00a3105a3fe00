"""tools/stress.py (`make stress`): the load it adds always goes away, and each
run of the suite is reported. The suite here is a stand-in that writes JUnit."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tools import stress

PASSING = '<testsuite><testcase classname="tests.site.t" name="ok"/></testsuite>'
FAILING = (
    '<testsuite><testcase classname="tests.site.t" name="copy">'
    '<failure message="the copy button copied nothing"/></testcase></testsuite>'
)


def ended(pid: int) -> bool:
    """The process is gone (or a zombie no one has reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rpartition(")")[2].split()[0] == "Z"


def wait_until_ended(pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ended(pid):
        assert time.monotonic() < deadline, f"process {pid} still runs"
        time.sleep(0.05)


def test_the_busy_processes_run_and_are_stopped_on_the_way_out() -> None:
    with stress.busy_processes(2) as processes:
        assert len(processes) == 2
        assert all(process.poll() is None for process in processes)
    assert all(process.returncode is not None for process in processes)


def test_the_busy_processes_are_stopped_when_the_body_fails() -> None:
    with pytest.raises(KeyboardInterrupt), stress.busy_processes(1) as processes:
        raise KeyboardInterrupt
    assert processes[0].returncode is not None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_busy_process_ends_by_itself_once_its_parent_is_gone() -> None:
    # The parent starts one and dies without cleaning up (as under kill -9).
    parent = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os\nfrom tools import stress\n"
            "process = stress.busy_processes(1).__enter__()[0]\n"
            "print(process.pid, flush=True)\nos._exit(0)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    wait_until_ended(int(parent.stdout))


def test_sigterm_unwinds_like_ctrl_c() -> None:
    before = signal.getsignal(signal.SIGTERM)
    try:
        stress.stop_on_sigterm()
        with pytest.raises(SystemExit) as stopped:
            signal.raise_signal(signal.SIGTERM)
        assert stopped.value.code == 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, before)


def test_stopping_the_suite_stops_its_whole_process_group() -> None:
    # A child that ignores SIGTERM gets SIGKILL once the grace period is over.
    stubborn = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, sys, time\n"
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "print('ready', flush=True)\n"
            "while True: time.sleep(1)",
        ],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert stubborn.stdout is not None
        assert stubborn.stdout.readline() == b"ready\n"  # it ignores SIGTERM now
        stress.stop_group(stubborn, grace=0.5)
        assert stubborn.returncode == -signal.SIGKILL
    finally:
        if stubborn.poll() is None:  # the test failed: leave no process behind
            stubborn.kill()
            stubborn.wait()
        if stubborn.stdout is not None:
            stubborn.stdout.close()


class InterruptedWait(subprocess.Popen[bytes]):
    """A Popen whose first plain wait() is interrupted, as by Ctrl-C."""

    def wait(self, timeout: float | None = None) -> int:
        if timeout is None:
            raise KeyboardInterrupt
        return super().wait(timeout)


def test_an_interrupted_run_stops_the_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []

    def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        started.append(InterruptedWait(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", popen)
    forever = [sys.executable, "-c", "import time\nwhile True: time.sleep(1)"]
    try:
        with pytest.raises(KeyboardInterrupt):
            stress.run_in_own_group(forever, dict(os.environ))
    finally:
        for process in started:
            if process.poll() is None:  # the test failed: leave no process behind
                process.kill()
                process.wait(timeout=30)
    assert started[0].returncode == -signal.SIGTERM


def test_the_site_is_built_strict_for_the_local_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []

    def run(command: list[str], **options: object) -> None:
        env = options["env"]
        assert isinstance(env, dict)
        seen.append((command, env))

    monkeypatch.setattr(subprocess, "run", run)
    stress.build_site(tmp_path / "site")
    [(command, env)] = seen
    assert command[1:5] == ["-m", "mkdocs", "build", "--strict"]
    assert command[-2:] == ["--site-dir", str(tmp_path / "site")]
    assert env["SITE_URL"] == "http://127.0.0.1:8000/"


def test_the_suite_is_the_browser_tests_as_make_test_runs_them(tmp_path: Path) -> None:
    command = stress.suite_command(tmp_path / "j.xml", ["-k", "copy"])
    assert command[1:6] == ["-m", "pytest", "-m", "browser", "-n"]
    assert "--dist" in command
    assert command[-3:] == [f"--junitxml={tmp_path / 'j.xml'}", "-k", "copy"]


def fake_suite(outcomes: list[str]) -> object:
    """suite_command for a stand-in suite that writes the next JUnit report."""

    def command(junit: Path, pytest_args: Sequence[str]) -> list[str]:
        report = outcomes.pop(0)
        code = f"import pathlib; pathlib.Path({str(junit)!r}).write_text({report!r})"
        return [sys.executable, "-c", code if report else "pass"]

    return command


def test_every_run_is_reported_and_one_failure_fails_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(stress, "suite_command", fake_suite([PASSING, FAILING, ""]))
    code = stress.main(["--runs", "3", "--load", "0", "--site", str(tmp_path)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines[0].startswith("stress: the browser tests 3 times, with 0 busy")
    assert lines[1].startswith("run 1/3: 1 passed in ")
    assert lines[2].startswith("run 2/3: 1 of 1 FAILED in ")
    assert lines[3] == "  tests.site.t.copy: the copy button copied nothing"
    assert lines[4].startswith("run 3/3: no test ran (")
    assert lines[5].startswith("stress FAILED: 1 of 3 browser-suite runs passed")


def test_all_runs_passing_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[Path] = []
    monkeypatch.setattr(stress, "build_site", built.append)
    monkeypatch.setattr(stress, "suite_command", fake_suite([PASSING, PASSING]))
    assert stress.main(["--runs", "2", "--load", "0"]) == 0
    assert built[0].name == "site"  # no --site: built once, before the runs
    assert "stress PASSED: 2 of 2 browser-suite runs passed" in capsys.readouterr().out


def test_an_interrupted_stress_run_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(junit: Path, pytest_args: Sequence[str]) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(stress, "suite_command", interrupted)
    with pytest.raises(KeyboardInterrupt):
        stress.main(["--runs", "5", "--load", "0", "--site", str(tmp_path)])
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "stress STOPPED during run 1 of 5: the suite and the load are stopped"
    )
