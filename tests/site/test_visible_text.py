"""What a reader sees on each built page: no Markdown or template syntax left over.

A Markdown extension that is not enabled (`++key++` needs pymdownx.keys), a
placeholder the hook did not expand, an attribute list on the wrong line or an
annotation marker without its list all render as literal text. This reads the
visible prose of every page (code blocks removed) and fails on such leftovers,
naming page, pattern and the text around it.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docsite import embeds, markdown, paths
from tools import built_html as html

LEFTOVERS = {
    "keys syntax (++key++)": re.compile(r"\+\+[\w-]+(?:\+[\w-]+)*\+\+"),
    "template braces": re.compile(r"\{\{|\}\}|\{%|%\}"),
    "snippet marker": re.compile(r"-{1,}8<-{1,}"),
    "attribute list": re.compile(r"\{\s*[#.:][\w-][^}]*\}"),
    "annotation marker": re.compile(r"\(\d+\)!"),
    "table row": re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE),
    "table rule": re.compile(r"\|\s*:?-{3,}"),
    "admonition or tab marker": re.compile(r"^\s*(?:!!!|\?\?\?|===)\s", re.M),
    "unrendered link": re.compile(r"\]\((?:https?:|\.\.?/|#)"),
    "unrendered emphasis": re.compile(r"(?<![\w*])\*\*[^*\s][^*]*\*\*(?![\w*])"),
}
HIDDEN = {"script", "style", "pre", "code", "svg", "template"}
VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "area", "col"}
# The only page that may name the document this site started from.
INTERNAL_WORD = re.compile(r"\bseed(?:'s|s)?\b", re.IGNORECASE)
CORRECTIONS = "corrections/"


class _Visible(HTMLParser):
    """Text inside <article>, with or without code (two separate buffers)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.prose: list[str] = []
        self.everything: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "article" not in self.stack:
            return
        self.everything.append(data)
        if not HIDDEN.intersection(self.stack):
            self.prose.append(data)


def visible(path: Path) -> _Visible:
    parser = _Visible()
    parser.feed(path.read_text())
    return parser


def leftovers(text: str) -> list[str]:
    found = []
    for name, pattern in LEFTOVERS.items():
        for match in pattern.finditer(text):
            around = text[max(0, match.start() - 40) : match.end() + 40]
            found.append(f"{name}: ...{' '.join(around.split())}...")
    return found


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, _Visible]:
    return {
        url: visible(built_site / url / "index.html")
        for url in html.reader_pages(built_site)
    }


def test_no_markdown_or_template_syntax_is_left_in_the_prose(
    pages: dict[str, _Visible],
) -> None:
    assert len(pages) >= 10, sorted(pages)
    problems = [
        f"{url or 'home'}: {problem}"
        for url, page in pages.items()
        for problem in leftovers("".join(page.prose))
    ]
    assert not problems, "\n".join(problems)


def test_no_page_but_the_corrections_page_shows_the_internal_word(
    pages: dict[str, _Visible],
) -> None:
    found = [
        f"{url or 'home'}: ...{' '.join(text[max(0, m.start() - 40) : m.end() + 40].split())}..."
        for url, page in pages.items()
        if url != CORRECTIONS
        for text in ["".join(page.everything)]
        for m in INTERNAL_WORD.finditer(text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("<article><p>Press ++slash++ to search</p></article>", "keys syntax"),
        ("<article><p>Tested with {{ version:x }}</p></article>", "template braces"),
        ('<article><p>--8<-- "a.py:b"</p></article>', "snippet marker"),
        ("<article><h2>Title {#stable}</h2></article>", "attribute list"),
        ("<article><p>run it # (1)!</p></article>", "annotation marker"),
        ("<article><p>| a | b |\n|---|---|</p></article>", "table row"),
        ('<article><p>!!! info "Inngest"\n    text</p></article>', "admonition"),
        ("<article><p>see [docs](https://x.test)</p></article>", "unrendered link"),
        ("<article><p>a **bold** claim</p></article>", "unrendered emphasis"),
    ],
)
def test_each_leftover_is_caught(tmp_path: Path, source: str, name: str) -> None:
    page = tmp_path / "index.html"
    page.write_text(source)
    found = leftovers("".join(visible(page).prose))
    assert any(problem.startswith(name) for problem in found), found


def test_code_is_not_prose(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        "<nav>| not | article |</nav><article><p>Fine.</p>"
        "<pre><code>x = {{ 1 }}  # (1)!</code></pre><p>Use <code>++x++</code>.</p>"
        "</article>"
    )
    seen = visible(page)
    assert leftovers("".join(seen.prose)) == []
    assert "{{ 1 }}" in "".join(seen.everything)


CODE_MARKER = re.compile(r"(?:#|//)\s*\((\d+)\)!")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<number>\d+)\.\s")


def unexplained_markers(page: Path) -> list[str]:
    """Code blocks whose `# (N)!` markers have no N-th item in the list after them.

    Without its list item, Material shows the marker as a literal comment.
    """
    lines = page.read_text().splitlines()
    problems = []
    for opening, match, body in markdown.fences(lines):
        markers = []
        for line in body:
            embed = embeds.EMBED.match(line.strip())
            target = embeds.resolve(embed["path"]) if embed else None
            text = (
                embeds.section_text(target, embed["section"])
                if embed and target and target.suffix == ".py"
                else line
            )
            markers += [int(n) for n in CODE_MARKER.findall(text)]
        if not markers:
            continue
        start = opening + 1
        after = opening + len(body) + 2  # the line after the closing fence
        while after < len(lines) and not lines[after].strip():
            after += 1
        items = 0
        while after < len(lines):
            item = LIST_ITEM.match(lines[after])
            if item and item["indent"] == match["indent"]:
                items += 1
            elif lines[after].strip() and not lines[after].startswith(
                match["indent"] + "    "
            ):
                break
            after += 1
        if max(markers) > items:
            problems.append(
                f"docs/{paths.page_name(page)}:{start}: markers up to "
                f"({max(markers)})! but {items} list items after the block"
            )
    return problems


def test_every_code_annotation_marker_has_its_list_item() -> None:
    problems = [p for page in paths.page_files() for p in unexplained_markers(page)]
    assert not problems, "\n".join(problems)


def test_a_missing_list_item_is_caught(scratch_page: Path) -> None:
    page = scratch_page
    page.write_text(
        '``` python\n--8<-- "quick_reference/parallel.py:race"\n```\n\n'
        "1.  One.\n2.  Two.\n"
    )
    assert unexplained_markers(page) == [
        "docs/page.md:1: markers up to (3)! but 2 list items after the block"
    ]
    page.write_text(page.read_text() + "3.  Three.\n")
    assert unexplained_markers(page) == []
