"""Placeholders that keep pages true to the repository.

- `{{ version:inngest }}` becomes the installed version of that distribution,
  so "tested with" lines never drift from the lock.
- `{{ repo:tests/x/test_y.py }}` becomes `<repo_url>/blob/main/tests/x/test_y.py`
  (repo_url from mkdocs.yml, `REPO_URL` overrides it). Tests are not part of the
  site, so this is the link a reader can follow to the proof of a claim.
- `{{ test:tests/x/test_y.py::test_name }}` is the same link to the line where
  `def test_name` starts: a "Tested:" sentence points at the test itself, and a
  renamed or deleted test stops the build instead of leaving a dead claim.
- `{{ step-cost:table:tools }}`, `{{ step-cost:cell:inngest }}`,
  `{{ step-cost:inngest:500:cpu }}`...: figures from the committed benchmark data
  (docs/assets/step-cost.json, written by `make bench-steps`), so a page never
  shows a number the data file does not hold (docsite/step_cost.py).

An unknown placeholder, package or file is a PlaceholderError naming the page.
The site (hooks/placeholders.py), the copy-text check and the skill export all
expand pages with `expand()`, so they render them the same way.
"""

import re
from importlib import metadata

from docsite import step_cost
from docsite.paths import ROOT

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
BRANCH = "main"


class PlaceholderError(ValueError):
    """A placeholder names nothing real."""


def repo_link(repo_url: str, path: str) -> str:
    """The address of `path` on the default branch of `repo_url`."""
    return f"{repo_url.rstrip('/')}/blob/{BRANCH}/{path}"


def line_of_test(path: str, test: str, where: str) -> int:
    """The line of `def <test>` in the test module `path` (1-based)."""
    file = ROOT / path
    if not path.startswith("tests/") or not file.is_file() or not test:
        raise PlaceholderError(
            f"{where}: {{{{ test:{path}::{test} }}}} names no test module "
            "of this repository (tests/...py::test_name)"
        )
    pattern = re.compile(rf"^\s*(?:async\s+)?def {re.escape(test)}\(")
    for number, line in enumerate(file.read_text().splitlines(), start=1):
        if pattern.match(line):
            return number
    raise PlaceholderError(f"{where}: {path} has no test named {test!r}")


def expand(markdown: str, *, where: str, repo_url: str | None) -> str:
    """Replace every placeholder in `markdown`; `where` names the page in errors."""

    def replace(match: re.Match[str]) -> str:
        kind, _, name = match.group(1).partition(":")
        if kind == "version" and name:
            try:
                return metadata.version(name)
            except metadata.PackageNotFoundError:
                raise PlaceholderError(
                    f"{where}: {match.group(0)!r} names a package "
                    f"that is not installed: {name!r}"
                ) from None
        if kind == "repo":
            if not repo_url:
                raise PlaceholderError(f"{where}: {match.group(0)!r} needs repo_url")
            if not name or not (ROOT / name).is_file():
                raise PlaceholderError(
                    f"{where}: {match.group(0)!r} names no file of "
                    f"this repository: {name!r}"
                )
            return repo_link(repo_url, name)
        if kind == "test":
            if not repo_url:
                raise PlaceholderError(f"{where}: {match.group(0)!r} needs repo_url")
            path, _, test = name.partition("::")
            return f"{repo_link(repo_url, path)}#L{line_of_test(path, test, where)}"
        if kind == "step-cost":
            try:
                return step_cost.placeholder(name, step_cost.load())
            except step_cost.StepCostDataError as err:
                raise PlaceholderError(f"{where}: {match.group(0)!r}: {err}") from None
        raise PlaceholderError(
            f"{where}: unknown placeholder {match.group(0)!r}; use "
            "{{ version:<package> }}, {{ repo:<path> }}, {{ test:<path>::<name> }} "
            "or {{ step-cost:<name> }}"
        )

    return PLACEHOLDER.sub(replace, markdown)
