"""The drift check's report logic, and one real run against the pinned SDK."""

import json
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
    assert report.render().endswith(
        f"no drift in {PINNED['version']} (candidate): the pin can be bumped"
    )


def test_a_new_option_is_drift_and_is_named() -> None:
    options = [*drift._strings(PINNED["create_function"]), "checkpointing"]
    report = drift.Report(PINNED, _candidate(create_function=options), [], tests_run=10)
    assert report.drifted
    assert "create_function: added checkpointing" in report.render()


def test_a_new_step_parameter_is_drift_and_is_named() -> None:
    steps = dict(drift._mapping(PINNED["steps"]))
    steps["invoke"] = [*drift._strings(steps["invoke"]), "checkpoint"]
    report = drift.Report(PINNED, _candidate(steps=steps), [], tests_run=1)
    assert report.drifted
    assert "step.invoke: parameter added checkpoint" in report.render()


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


def test_the_candidate_has_the_lock_but_the_candidate_inngest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def run(command: list[str], **_: object) -> object:
        calls.append(command)
        return types.SimpleNamespace(stdout="fastapi==1.0\ninngest==0.5.19\n")

    monkeypatch.setattr(subprocess, "run", run)
    python = drift.install_candidate(tmp_path, "0.5.20a0")
    assert python == str(tmp_path / "venv" / "bin" / "python")
    assert (tmp_path / "requirements.txt").read_text() == (
        "fastapi==1.0\ninngest==0.5.20a0\n"
    )
    assert [c[1] for c in calls] == ["export", "venv", "pip"]


def index(release: str, prerelease: str) -> object:
    """subprocess.run for `uv pip compile`: the newest inngest, as the index has it."""

    def run(command: list[str], **options: object) -> object:
        assert options["input"] == "inngest\n"
        newest = prerelease if "--prerelease" in command else release
        return types.SimpleNamespace(stdout=f"inngest=={newest}\n")

    return run


def test_a_newer_pre_release_is_a_candidate_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(subprocess, "run", index("0.5.19", "0.5.20a0"))
    assert drift.candidates("0.5.19") == (
        [("newest pre-release", "0.5.20a0")],
        ["newest release 0.5.19 is the pin: nothing to compare"],
    )


def test_a_new_release_without_a_newer_pre_release(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(subprocess, "run", index("0.5.20", "0.5.20"))
    assert drift.candidates("0.5.19") == (
        [("newest release", "0.5.20")],
        ["no pre-release newer than 0.5.20"],
    )


def test_without_python_main_tests_each_candidate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = [("newest release", "0.5.20"), ("newest pre-release", "0.6.0a1")]
    monkeypatch.setattr(drift, "candidates", lambda pinned: (chosen, []))
    installed: list[str] = []

    def install(workdir: Path, version: str) -> str:
        installed.append(version)
        assert workdir.name == version
        return sys.executable

    monkeypatch.setattr(drift, "install_candidate", install)
    monkeypatch.setattr(drift, "run_tests", lambda *args: (1, []))
    report = tmp_path / "drift.json"
    assert drift.main(["--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert installed == ["0.5.20", "0.6.0a1"]
    assert "testing newest pre-release 0.6.0a1 ..." in out
    version = PINNED["version"]  # run_tests ran nothing; this SDK stood in
    assert f"inngest pinned {version} -> newest pre-release {version}" in out
    kinds = [c["kind"] for c in json.loads(report.read_text())["candidates"]]
    assert kinds == ["newest release", "newest pre-release"]


def test_nothing_newer_is_nothing_to_test(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    skipped = ["newest release 0.5.19 is the pin: nothing to compare"]
    monkeypatch.setattr(drift, "candidates", lambda pinned: ([], skipped))
    assert drift.main([]) == 0
    assert capsys.readouterr().out.splitlines() == [*skipped, "nothing to test"]


def test_version_bookkeeping_is_not_drift() -> None:
    pin = drift.Failure(
        "tests.hooks.test_changelog.test_pin", "0.5.19 != 0.5.20a0", True
    )
    report = drift.Report(
        PINNED, _candidate(), [pin], tests_run=5, kind="newest release"
    )
    assert not report.drifted
    text = report.render()
    assert "failed: 1 (1 version bookkeeping, 0 behaviour)" in text
    assert "version bookkeeping (fails by design until the pin moves" in text
    assert "  tests.hooks.test_changelog.test_pin: 0.5.19 != 0.5.20a0" in text
    assert text.endswith("the pin can be bumped, with the version bookkeeping above")


def test_a_behaviour_change_names_the_page_sections() -> None:
    sections = ["docs/testing-kit.md § Limits (#limits)"]
    failures = [
        drift.Failure("tests.a.test_one", "ids differ", pages=sections),
        drift.Failure("tests.a.test_two", "ids differ too", pages=sections),
        drift.Failure("tests.b.test_three", "no page"),
    ]
    text = drift.Report(PINNED, _candidate(), failures, tests_run=5).render()
    assert "  tests.a.test_one: ids differ\n    claim on " + sections[0] in text
    assert text.count("    claim on ") == 2
    assert "page sections whose claims would change:\n  " + sections[0] + "\n" in text


def test_a_behaviour_change_without_a_page_says_so() -> None:
    failures = [drift.Failure("tests.b.test_three", "no page")]
    text = drift.Report(PINNED, _candidate(), failures, tests_run=5).render()
    assert "page sections whose claims would change:\n  (none found)" in text


def test_the_junit_report_says_which_tests_pin_the_version(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    junit.write_text(
        "<testsuites><testsuite>"
        '<testcase classname="tests.hooks.test_changelog" name="pin">'
        '<properties><property name="sdk_pin" value="true"/></properties>'
        '<failure message="0.5.19 != 0.5.20a0"/></testcase>'
        '<testcase classname="tests.testing_kit.test_limits" name="ids">'
        '<failure message="assert 1 == 4"/></testcase>'
        "</testsuite></testsuites>"
    )
    _, (pin, ids) = drift.parse_junit(junit)
    assert (pin.bookkeeping, pin.pages) == (True, [])
    assert not ids.bookkeeping
    assert ids.pages == [
        "docs/testing-kit.md § Where each approach falls short "
        "(#where-each-approach-falls-short)"
    ]


def test_the_plugin_marks_sdk_pin_tests_in_the_junit_report() -> None:
    def item(marked: bool) -> types.SimpleNamespace:
        return types.SimpleNamespace(
            get_closest_marker=lambda name: marked and name == "sdk_pin",
            user_properties=[],
        )

    pinned, other = item(True), item(False)
    drift.pytest_collection_modifyitems([pinned, other])
    assert pinned.user_properties == [("sdk_pin", "true")]
    assert other.user_properties == []


def test_newest_asks_the_index_through_uv(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def run(command: list[str], **options: object) -> object:
        seen.append(command)
        return types.SimpleNamespace(stdout="# header\ninngest==0.5.20a0\n")

    monkeypatch.setattr(subprocess, "run", run)
    assert drift.newest(prerelease=True) == "0.5.20a0"
    assert seen[0][1:3] == ["pip", "compile"]
    assert seen[0][-2:] == ["--prerelease", "allow"]
