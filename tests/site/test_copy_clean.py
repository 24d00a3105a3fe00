"""Code a reader copies runs in their project: no code block imports `snippets`.

`snippets` is this repository's own package. A block that imports it fails with
`No module named 'snippets'` anywhere else, so it may not appear in what
readers copy: the HTML pages, their Markdown copies, llms-full.txt and the
agent skill. Examples import each other relatively (`from .client import
client`), as a package of the reader's does.
"""

import html
import re
from pathlib import Path

from docsite.html import CODE_BLOCK
from docsite.markdown import fences
from docsite.paths import ROOT

IMPORTS_SNIPPETS = re.compile(r"^\s*(?:from|import)\s+snippets\b")
TAG = re.compile(r"<[^>]+>")
# The contributing page shows how to write a test of this repository, where a
# test imports the example it checks by its full name: code copied into this
# repository, not into a reader's project.
THIS_REPOSITORY = "contributing/"


def offenders_in(lines: list[str], where: str) -> list[str]:
    return [
        f"{where}: {line.strip()}" for line in lines if IMPORTS_SNIPPETS.match(line)
    ]


def markdown_code_lines(text: str) -> list[str]:
    """The lines inside the fenced blocks of a Markdown text."""
    return [line for _, _, body in fences(text.splitlines()) for line in body]


def html_code_lines(text: str) -> list[str]:
    """The text lines of a built page's code blocks, as the copy button copies."""
    return [
        line
        for block in CODE_BLOCK.findall(text)
        for line in html.unescape(TAG.sub("", block)).splitlines()
    ]


def test_the_check_finds_an_import_in_both_forms() -> None:
    page = '<pre><code><span class="kn">from</span> snippets.x <span>import</span> y\n'
    page += "import snippets.leadflow</code></pre><p>from snippets import z</p>"
    assert offenders_in(html_code_lines(page), "p") == [
        "p: from snippets.x import y",
        "p: import snippets.leadflow",
    ]
    text = "from snippets import a\n```python\n  from snippets import b\nimport snippetsx\n```"
    assert offenders_in(markdown_code_lines(text), "m") == ["m: from snippets import b"]


def test_no_page_or_markdown_copy_imports_snippets(built_site: Path) -> None:
    found = []
    for path in sorted(built_site.rglob("index.*")):
        where = path.relative_to(built_site).as_posix()
        if where.startswith(THIS_REPOSITORY) or path.suffix not in {".html", ".md"}:
            continue
        text = path.read_text()
        lines = html_code_lines(text) if path.suffix == ".html" else []
        lines += markdown_code_lines(text) if path.suffix == ".md" else []
        found += offenders_in(lines, where)
    assert not found, "\n".join(found)


def test_llms_full_imports_snippets_only_in_the_contributing_page(
    built_site: Path,
) -> None:
    contributing = built_site / THIS_REPOSITORY / "index.md"
    allowed = set(markdown_code_lines(contributing.read_text()))
    lines = markdown_code_lines((built_site / "llms-full.txt").read_text())
    found = offenders_in([line for line in lines if line not in allowed], "llms-full")
    assert not found, "\n".join(found)


def test_the_skill_imports_no_snippets() -> None:
    found = [
        offender
        for path in sorted((ROOT / "skills").rglob("*.md"))
        for offender in offenders_in(
            markdown_code_lines(path.read_text()), str(path.relative_to(ROOT))
        )
    ]
    assert not found, "\n".join(found)
