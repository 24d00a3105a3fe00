"""The drift check's report logic, and one real run against the pinned SDK."""

import sys
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
