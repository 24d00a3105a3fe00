"""The weekly workflow's one issue: opened on a failure, kept current, closed on a pass.

    python -m tools.weekly_issue --run-url URL \\
        --check "SDK drift (make drift)" failure reports/drift.txt \\
        --check "mutation testing (make mutate)" success reports/mutate.txt

A failing scheduled run notifies only whoever last edited the cron line, so
the weekly workflow's last job hands its checks' results here. With `gh` (the
GitHub CLI; GH_TOKEN and GH_REPO from the workflow):

- a check failed, no open issue with TITLE: open one with the reports;
- a check failed, the issue is open: put the new reports in its body and
  comment with the run's address, only when the reports changed (the same
  known failure, week after week, stays one quiet issue);
- every check passed and the issue is open: close it with the run's address.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

TITLE = "Weekly checks failed"
PASSED = ("success", "skipped")  # a job's results that are not a problem
# GitHub refuses an issue body over 65,536 characters: each report keeps its end.
REPORT_CHARS = 15_000


def report_text(file: Path) -> str:
    if not file.is_file():
        return "(no report: the job stopped before writing one; see the run)"
    text = file.read_text(errors="replace").strip()
    if len(text) > REPORT_CHARS:
        text = "[...]\n" + text[-REPORT_CHARS:]
    return text


def body(checks: Sequence[tuple[str, str, Path]]) -> str:
    """The issue body: each check's result, then the report of each that failed."""
    lines = [
        "The weekly workflow (`.github/workflows/weekly.yml`) found a problem. "
        "This issue is updated by each weekly run and closed by the first that "
        "passes.",
        "",
        "| check | result |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {result} |" for name, result, _ in checks]
    for name, result, file in checks:
        if result not in PASSED:
            lines += [
                "",
                f"## {name}: {result}",
                "",
                "```text",
                report_text(file),
                "```",
            ]
    return "\n".join(lines) + "\n"


def gh(*args: str) -> str:
    done = subprocess.run(["gh", *args], check=True, capture_output=True, text=True)
    return done.stdout


def open_issue(title: str) -> tuple[int, str] | None:
    """The open issue titled `title` (number and body), if there is one."""
    found = json.loads(
        gh(
            "issue",
            "list",
            "--state",
            "open",
            "--search",
            f'"{title}" in:title',
            "--json",
            "number,title,body",
        )
    )
    for issue in found:
        if issue["title"] == title:
            return int(issue["number"]), str(issue["body"])
    return None


def update(title: str, checks: Sequence[tuple[str, str, Path]], run_url: str) -> str:
    """Open, update or close the issue; what was done, in one line."""
    failed = [name for name, result, _ in checks if result not in PASSED]
    issue = open_issue(title)
    if not failed:
        if issue is None:
            return "every check passed; no open issue"
        gh(
            "issue",
            "close",
            str(issue[0]),
            "--comment",
            f"Every check passed: {run_url}",
        )
        return f"every check passed; closed #{issue[0]}"
    text = body(checks)
    if issue is None:
        url = gh("issue", "create", "--title", title, "--body", text).strip()
        return f"opened {url}"
    number, old = issue
    if old.strip() == text.strip():
        return f"#{number} already has this report"
    gh("issue", "edit", str(number), "--body", text)
    gh("issue", "comment", str(number), "--body", f"The report changed: {run_url}")
    return f"updated #{number}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run-url", required=True, help="the workflow run's address")
    parser.add_argument("--title", default=TITLE, help="the issue's title")
    parser.add_argument(
        "--check",
        nargs=3,
        action="append",
        required=True,
        metavar=("NAME", "RESULT", "REPORT"),
        help="a check, its job's result (success, failure, ...) and its report file",
    )
    args = parser.parse_args(argv)
    checks = [(name, result, Path(file)) for name, result, file in args.check]
    print(update(args.title, checks, args.run_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
