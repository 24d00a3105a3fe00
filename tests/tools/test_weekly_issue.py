"""tools/weekly_issue.py: one issue for the weekly checks, driven through a
stand-in `gh` on PATH that records each call and answers `issue list`."""

import json
import os
import sys
from pathlib import Path

import pytest

from tools import weekly_issue

FAKE_GH = """#!{python}
import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"]:
    print(os.environ["GH_ISSUES"])
elif sys.argv[1:3] == ["issue", "create"]:
    print("https://github.com/o/r/issues/7")
"""
RUN = "https://github.com/o/r/actions/runs/1"


@pytest.fixture
def gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `gh` on PATH; returns its log (one JSON list of arguments per call)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "gh"
    script.write_text(FAKE_GH.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_LOG", str(tmp_path / "gh.log"))
    monkeypatch.setenv("GH_ISSUES", "[]")
    return tmp_path / "gh.log"


def calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def open_issues(monkeypatch: pytest.MonkeyPatch, *issues: dict[str, object]) -> None:
    monkeypatch.setenv("GH_ISSUES", json.dumps(list(issues)))


def checks(tmp_path: Path, drift: str = "failure") -> list[str]:
    report = tmp_path / "drift.txt"
    report.write_text("DRIFT in 0.5.20a0 (pre-release)\n")
    return [
        "--check", "SDK drift (make drift)", drift, str(report),
        "--check", "mutation testing (make mutate)", "success", str(tmp_path / "no"),
    ]  # fmt: skip


def test_a_failure_opens_the_issue_with_the_report(
    gh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weekly_issue.main(["--run-url", RUN, *checks(tmp_path)]) == 0
    assert capsys.readouterr().out == "opened https://github.com/o/r/issues/7\n"
    listed, created = calls(gh)
    assert listed[:4] == ["issue", "list", "--state", "open"]
    assert created[:4] == ["issue", "create", "--title", "Weekly checks failed"]
    body = created[created.index("--body") + 1]
    assert "| SDK drift (make drift) | failure |" in body
    assert "| mutation testing (make mutate) | success |" in body
    assert "## SDK drift (make drift): failure" in body
    assert "DRIFT in 0.5.20a0 (pre-release)" in body
    assert "## mutation testing" not in body  # passing checks: no report


def test_a_new_report_replaces_the_body_and_comments_with_the_run(
    gh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_issues(
        monkeypatch,
        {"number": 3, "title": "Weekly checks failed (old)", "body": ""},
        {"number": 4, "title": "Weekly checks failed", "body": "last week's"},
    )
    weekly_issue.main(["--run-url", RUN, *checks(tmp_path)])
    _, edited, commented = calls(gh)
    assert edited[:3] == ["issue", "edit", "4"]
    assert "DRIFT in 0.5.20a0" in edited[-1]
    assert commented == [
        "issue",
        "comment",
        "4",
        "--body",
        f"The report changed: {RUN}",
    ]


def test_the_same_report_again_leaves_the_issue_alone(
    gh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "drift.txt"
    report.write_text("DRIFT in 0.5.20a0 (pre-release)\n")
    same = weekly_issue.body(
        [
            ("SDK drift (make drift)", "failure", report),
            ("mutation testing (make mutate)", "success", tmp_path / "no"),
        ]
    )
    open_issues(
        monkeypatch, {"number": 4, "title": "Weekly checks failed", "body": same}
    )
    out = weekly_issue.update(
        weekly_issue.TITLE,
        [
            ("SDK drift (make drift)", "failure", report),
            ("mutation testing (make mutate)", "success", tmp_path / "no"),
        ],
        RUN,
    )
    assert out == "#4 already has this report"
    assert [call[1] for call in calls(gh)] == ["list"]


def test_a_pass_closes_the_open_issue(
    gh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_issues(monkeypatch, {"number": 4, "title": "Weekly checks failed", "body": ""})
    weekly_issue.main(["--run-url", RUN, *checks(tmp_path, drift="success")])
    assert calls(gh)[-1] == [
        "issue", "close", "4", "--comment", f"Every check passed: {RUN}",
    ]  # fmt: skip


def test_a_pass_with_no_issue_does_nothing(gh: Path, tmp_path: Path) -> None:
    out = weekly_issue.update(
        weekly_issue.TITLE,
        [("drift", "success", tmp_path), ("py", "skipped", tmp_path)],
        RUN,
    )
    assert out == "every check passed; no open issue"
    assert [call[1] for call in calls(gh)] == ["list"]


def test_a_cancelled_or_timed_out_job_counts_as_failed(tmp_path: Path) -> None:
    text = weekly_issue.body(
        [("make test on Python 3.14", "cancelled", tmp_path / "x")]
    )
    assert "## make test on Python 3.14: cancelled" in text
    assert "no report: the job stopped before writing one" in text


def test_a_long_report_keeps_its_end(tmp_path: Path) -> None:
    report = tmp_path / "long.txt"
    report.write_text("start\n" + "x" * 20_000 + "\nthe summary line\n")
    text = weekly_issue.report_text(report)
    assert len(text) <= weekly_issue.REPORT_CHARS + len("[...]\n")
    assert text.startswith("[...]\n")
    assert text.endswith("the summary line")
