"""The drift check's report logic, and one real run against the pinned SDK."""

import subprocess
import sys
import types
from pathlib import Path

import pytest

from tools import drift

PINNED = drift.surface()


def _candidate(**changes: object) -> dict[str, object]:
    return {**PINNED, **changes}


def test_no_change_is_no_drift() -> None:
    report = drift.Report(PINNED, _candidate(), [], tests_run=10)
    assert not report.drifted
    assert report.render().endswith("no drift: the pin can be bumped")


def test_a_new_option_is_drift_and_is_named() -> None:
    options = [*drift._strings(PINNED["create_function"]), "checkpointing"]
    report = drift.Report(PINNED, _candidate(create_function=options), [], tests_run=10)
    assert report.drifted
    assert "create_function: added checkpointing" in report.render()


def test_a_removed_model_field_is_drift() -> None:
    models = dict(drift._mapping(PINNED["models"]))
    models["Cancel"] = ["event", "timeout"]
    report = drift.Report(PINNED, _candidate(models=models), [], tests_run=1)
    assert "Cancel: field removed if_exp" in report.render()


def test_a_failing_documented_behaviour_is_drift() -> None:
    failure = drift.Failure("tests.qr.test_x.test_y", "assert 'new message' == 'old'")
    report = drift.Report(PINNED, _candidate(), [failure], tests_run=3)
    assert report.drifted
    assert "tests.qr.test_x.test_y: assert 'new message' == 'old'" in report.render()


def test_no_test_run_is_drift() -> None:
    report = drift.Report(PINNED, _candidate(), [], tests_run=0)
    assert report.drifted
    assert "no test ran" in report.render()


def test_surface_lists_every_create_function_option() -> None:
    assert "fn_id" in drift._strings(PINNED["create_function"])
    assert "singleton" in drift._strings(PINNED["create_function"])
    assert drift._strings(drift._mapping(PINNED["models"])["TriggerEvent"]) == [
        "event",
        "expression",
    ]


def test_parse_junit(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase classname="a" name="ok"/>'
        '<testcase classname="a" name="bad"><failure message="boom&#10;more"/></testcase>'
        '<testcase classname="a" name="err"><error/></testcase></testsuite></testsuites>'
    )
    count, failures = drift.parse_junit(junit)
    assert count == 3
    assert failures == [drift.Failure("a.bad", "boom"), drift.Failure("a.err", "error")]


@pytest.mark.slow
def test_a_real_run_against_the_pinned_sdk_reports_no_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_file = tmp_path / "drift.json"
    code = drift.main(
        [
            "--python",
            sys.executable,
            "--report",
            str(report_file),
            "tests/quick_reference/test_errors.py",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "API surface: unchanged" in out
    assert '"tests_run"' in report_file.read_text()


def test_surface_mode_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert drift.main(["--surface"]) == 0
    assert '"create_function"' in capsys.readouterr().out


def test_no_junit_file_is_no_test_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: None)
    assert drift.run_tests(sys.executable, tmp_path, ["tests"]) == (0, [])


def test_the_candidate_has_the_lock_but_the_newest_inngest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def run(command: list[str], **_: object) -> object:
        calls.append(command)
        return types.SimpleNamespace(stdout="fastapi==1.0\ninngest==0.5.19\n")

    monkeypatch.setattr(subprocess, "run", run)
    python = drift.install_candidate(tmp_path)
    assert python == str(tmp_path / "venv" / "bin" / "python")
    assert (tmp_path / "requirements.txt").read_text() == "fastapi==1.0\ninngest\n"
    assert [c[1] for c in calls] == ["export", "venv", "pip"]
    assert "--upgrade-package" in calls[-1]


@pytest.mark.slow
def test_without_python_main_installs_a_candidate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(drift, "install_candidate", lambda workdir: sys.executable)
    monkeypatch.setattr(drift, "run_tests", lambda *args: (1, []))
    assert drift.main([]) == 0
    assert "API surface: unchanged" in capsys.readouterr().out
