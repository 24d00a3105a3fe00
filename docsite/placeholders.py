"""Placeholders that keep pages true to the repository.

- `{{ version:inngest }}` becomes the installed version of that distribution,
  so "tested with" lines never drift from the lock.
- `{{ repo:tests/x/test_y.py }}` becomes `<repo_url>/blob/main/tests/x/test_y.py`
  (mkdocs.yml's repo_url). Tests are not part of the site, so this is the link
  a reader can follow to the proof of a claim.
- `{{ test:tests/x/test_y.py::test_name }}` is the same link to the line where
  `def test_name` starts: a "Tested:" sentence points at the test itself, and a
  renamed or deleted test stops the build instead of leaving a dead claim.
  Plain Markdown (the agent skill, which is committed, and the Markdown copies)
  links the test module without the line (`test_lines=False`): editing a test
  file never changes them.
- `{{ step-cost:table:tools }}`, `{{ step-cost:cell:inngest }}`,
  `{{ step-cost:inngest:500:cpu }}`...: figures from the committed benchmark data
  (docs/assets/step-cost.json, written by `make bench-steps`), so a page never
  shows a number the data file does not hold (docsite/step_cost.py).

An unknown placeholder, package or file is a PlaceholderError naming the page.
The site (`PlaceholdersExtension`: `docsite.placeholders` in mkdocs.yml's
markdown_extensions, run by any generator that runs Python-Markdown), the
copy-text check, the Markdown copies and the skill all expand pages with
`expand()`, so they render them the same way.
"""

import re
from importlib import metadata
from typing import Any

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

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


def expand(
    markdown: str, *, where: str, repo_url: str | None, test_lines: bool = True
) -> str:
    """Replace every placeholder in `markdown`; `where` names the page in errors.
    `test_lines=False`: a test link names its module, not the test's line."""

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
            line = line_of_test(path, test, where)
            return repo_link(repo_url, path) + (f"#L{line}" if test_lines else "")
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


TITLE = re.compile(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", re.MULTILINE)


class PlaceholdersPreprocessor(Preprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, repo_url: str) -> None:
        super().__init__(md)
        self.repo_url = repo_url

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        title = TITLE.search(text)
        where = f"the page '# {title[1]}'" if title else "a page"
        return expand(text, where=where, repo_url=self.repo_url).split("\n")


class PlaceholdersExtension(Extension):  # type: ignore[misc]
    """Python-Markdown: expand the placeholders of the page's own lines.

    It runs before pymdownx.snippets (priority 32) inserts embedded code, so
    text in snippet files is never expanded, as the copy-text check expects.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"repo_url": ["", "the repository (default: mkdocs.yml's)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        repo_url = self.getConfig("repo_url")
        if not repo_url:
            from docsite.config import load  # imports MkDocs' YAML loader

            repo_url = load().repo_url
        md.preprocessors.register(
            PlaceholdersPreprocessor(md, repo_url), "docsite-placeholders", 35
        )


def makeExtension(**kwargs: Any) -> PlaceholdersExtension:
    return PlaceholdersExtension(**kwargs)
