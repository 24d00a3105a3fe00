"""One home per fact: the table of docs/contributing.md#fact-owners holds.

Each SDK behaviour the site teaches has one owning section (where a reader
learns it) and one owning test module. Any other page may name it in a line
that links the owner; a paragraph, annotation or table row that carries one of
the fact's signature phrases without that link is a second home, and fails.
Two more checks keep new second homes from appearing unlisted: no prose
sentence of 50+ characters on two pages, and no test name in two modules.
"""

import ast
import collections
import dataclasses
import re
from collections.abc import Iterator

import pytest

from docsite import markdown, paths
from docsite.paths import DOCS, ROOT, TESTS
from docsite.urls import resolve_link

CONTRIBUTING = "contributing.md"
TABLE_HEADING = "{#fact-owners}"
ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
CODE = re.compile(r"`([^`]+)`")
OWNER = re.compile(r"\]\((?P<page>[\w/.-]+\.md)#(?P<anchor>[\w-]+)\)")
HEADING = re.compile(r"^(?P<level>#{1,6}) .*?\{\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
ANY_HEADING = re.compile(r"^(?P<level>#{1,6}) ")
LINK = re.compile(r"\]\((?P<target>(?![\w+.-]+:|/)[^)\s#]+)?(?:#(?P<anchor>[\w-]+))?\)")
BLOCK_START = re.compile(r"^(\d+\.\s|[-*]\s|#{1,6}\s|!!!|\?\?\?|===|<)")
REF_DEF = re.compile(r"^\[[^\]]+\]:\s")
MARKER = re.compile(
    r'^(?:\d+\.\s+|[-*]\s+|#{1,6}\s+|(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"[^"]*")?\s*)'
)
INLINE = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)|\{\{[^}]*\}\}")
SENTENCE_END = re.compile(r"(?<=[.:;!?])\s+(?=[A-Z`\[(*])")
MIN_SENTENCE = 50
# Sentences two pages may share, each with its reason.
SHARED_SENTENCES: dict[str, str] = {}
# Test names two modules may share: the three-tool comparison runs one story
# (the same test, by name) against Celery, RQ and Inngest.
SHARED_TEST_FOLDERS = ("comparison",)


@dataclasses.dataclass(frozen=True)
class Fact:
    name: str
    page: str
    anchor: str
    test: str
    phrases: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Block:
    """A paragraph, list item, admonition or table row of a page's prose."""

    page: str
    line: int
    text: str
    heading: bool = False

    def links(self) -> set[tuple[str, str]]:
        """(page, anchor) of each relative link; anchor "" for a whole page."""
        found = set()
        for match in LINK.finditer(self.text):
            target = match["target"]
            page = resolve_link(self.page, target) if target else self.page
            found.add((page, match["anchor"] or ""))
        return found


def plain(text: str) -> str:
    """Text as a phrase is matched: no code ticks or emphasis, one space, lower case."""
    return " ".join(text.replace("`", "").replace("*", "").split()).lower()


def blocks(page: str) -> Iterator[Block]:
    """The prose blocks of a page, outside front matter and code fences."""
    lines = (DOCS / page).read_text().splitlines()
    fence: str | None = None
    in_front_matter = bool(lines) and lines[0] == "---"
    current: list[str] = []
    start = 0
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if in_front_matter:
            in_front_matter = number == 1 or text != "---"
            continue
        if fence is not None:
            fence = None if text.startswith(fence) else fence
            continue
        match = markdown.FENCE.match(raw)
        new_block = match or not text or BLOCK_START.match(text) or text.startswith("|")
        if new_block and current:
            yield Block(page, start, " ".join(current))
            current = []
        if match:
            fence = match["fence"]
            continue
        if not text or REF_DEF.match(text):
            continue
        if text.startswith("|"):
            yield Block(page, number, text)
            continue
        if text.startswith("#"):
            yield Block(page, number, MARKER.sub("", text), heading=True)
            continue
        if not current:
            start = number
            text = MARKER.sub("", text)
        current.append(text)
    if current:
        yield Block(page, start, " ".join(current))


def pages() -> list[str]:
    return [paths.page_name(p) for p in paths.page_files()]


def heading_ids(page: str) -> list[tuple[int, str]]:
    """(level, id) of each heading with an explicit id, in page order."""
    found = []
    for line in (DOCS / page).read_text().splitlines():
        match = HEADING.match(line)
        if match:
            found.append((len(match["level"]), match["id"]))
    return found


def section_ids(page: str, anchor: str) -> set[str]:
    """The anchor and the ids of its subsections (linking one links the owner)."""
    ids: set[str] = set()
    level = 0
    for depth, heading in heading_ids(page):
        if heading == anchor:
            level = depth
            ids.add(heading)
        elif level and depth > level:
            ids.add(heading)
        elif level:
            break
    return ids


def section_text(page: str, anchor: str) -> str:
    """The owner section's source, from its heading to the next one as high."""
    lines = (DOCS / page).read_text().splitlines()
    kept: list[str] = []
    level = 0
    for line in lines:
        heading = ANY_HEADING.match(line)
        if heading and level and len(heading["level"]) <= level:
            break
        with_id = HEADING.match(line)
        if with_id and with_id["id"] == anchor:
            level = len(with_id["level"])
        if level:
            kept.append(line)
    return "\n".join(kept)


def facts() -> list[Fact]:
    """The rows of the fact -> owner table on the contributing page."""
    text = (DOCS / CONTRIBUTING).read_text()
    if TABLE_HEADING not in text:
        return []  # test_the_table_lists_the_facts_pages_disagreed_on says so
    section = text.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [m for m in map(ROW.match, section.splitlines()) if m]
    found = []
    for row in rows[2:]:  # after the header and its separator
        cells = [c.strip() for c in row["cells"].split("|")]
        assert len(cells) == 4, f"a fact row needs 4 cells: {row.group(0)}"
        owner = OWNER.search(cells[1])
        assert owner, f"no owner link (page.md#anchor) in {row.group(0)}"
        test = CODE.search(cells[2])
        assert test, f"no `tests/...py` owning test in {row.group(0)}"
        phrases = tuple(plain(p) for p in CODE.findall(cells[3]))
        assert phrases, f"no signature phrases in {row.group(0)}"
        found.append(
            Fact(cells[0], owner["page"], owner["anchor"], test.group(1), phrases)
        )
    return found


FACTS = facts()


def test_the_table_lists_the_facts_pages_disagreed_on() -> None:
    assert FACTS, f"docs/{CONTRIBUTING} has no table under a heading {TABLE_HEADING}"
    assert len(FACTS) >= 20, [f.name for f in FACTS]
    assert len({(f.page, f.anchor) for f in FACTS}) >= 15


def owner_tests(page: str) -> str:
    """`guides/debug.md` -> `tests/guides/debug/` (the page path, `-` as `_`)."""
    return "tests/" + page.removesuffix(".md").replace("-", "_") + "/"


@pytest.mark.parametrize(
    "fact", FACTS, ids=lambda f: f"{f.page.removesuffix('.md')}#{f.anchor}"
)
def test_the_owner_section_exists_and_its_test_is_in_the_owners_folder(
    fact: Fact,
) -> None:
    assert (DOCS / fact.page).is_file(), f"{fact.name}: no page docs/{fact.page}"
    ids = [heading for _, heading in heading_ids(fact.page)]
    assert fact.anchor in ids, (
        f"{fact.name}: docs/{fact.page} has no heading {{#{fact.anchor}}}; "
        f"fix the owner in docs/{CONTRIBUTING}#fact-owners"
    )
    assert (ROOT / fact.test).is_file(), f"{fact.name}: no test module {fact.test}"
    assert fact.test.startswith(owner_tests(fact.page)), (
        f"{fact.name}: the proof lives with the owner, in {owner_tests(fact.page)}, "
        f"not {fact.test}"
    )


@pytest.mark.parametrize(
    "fact", FACTS, ids=lambda f: f"{f.page.removesuffix('.md')}#{f.anchor}"
)
def test_other_pages_link_the_owner_rather_than_restate_it(fact: Fact) -> None:
    owner = {(fact.page, i) for i in section_ids(fact.page, fact.anchor)}
    restated = [
        f"docs/{block.page}:{block.line}: {phrase!r}"
        for page in pages()
        if page not in (fact.page, CONTRIBUTING)
        for block in blocks(page)
        if not block.heading  # a title may quote what the section corrects
        for phrase in fact.phrases
        if phrase in plain(block.text) and not owner & block.links()
    ]
    assert not restated, (
        f"{fact.name} is owned by docs/{fact.page}#{fact.anchor}. These lines restate "
        "it without linking the owner: say it in one line and link "
        f"({fact.page}#{fact.anchor}), or move what is new to the owner:\n"
        + "\n".join(restated)
    )


def test_the_restatement_check_finds_an_unlinked_phrase() -> None:
    fact = Fact("x", "guides/debug.md", "keys", "tests/x.py", ("uses the fallback",))
    linked = Block(
        "guides/deploy.md", 1, "It uses the fallback ([keys](debug.md#keys))."
    )
    bare = Block("guides/deploy.md", 2, "It uses the `fallback`.")
    assert (fact.page, fact.anchor) in linked.links()
    assert fact.phrases[0] in plain(bare.text)
    assert (fact.page, fact.anchor) not in bare.links()


def visible(text: str) -> str:
    """What a reader sees of a sentence: link texts, no addresses or placeholders."""
    return INLINE.sub(lambda m: m["text"] or "", text)


def sentences(page: str) -> Iterator[tuple[str, int]]:
    for block in blocks(page):
        if block.text.startswith("|"):
            parts = [c.strip() for c in block.text.strip("|").split("|")]
        else:
            parts = SENTENCE_END.split(block.text)
        for part in parts:
            if len(visible(part)) >= MIN_SENTENCE:
                yield part, block.line


def test_no_prose_sentence_is_on_two_pages() -> None:
    where: dict[str, list[str]] = collections.defaultdict(list)
    for page in pages():
        for sentence, line in sentences(page):
            where[sentence].append(f"docs/{page}:{line}")
    shared = {
        s: places
        for s, places in where.items()
        if len({p.split(":")[0] for p in places}) > 1 and s not in SHARED_SENTENCES
    }
    assert not shared, (
        "The same sentence on two pages is a second home: keep it on the owner and "
        "link it, or list it in SHARED_SENTENCES with a reason:\n"
        + "\n".join(f"{places}: {s}" for s, places in shared.items())
    )


def test_sentences_are_split_at_their_ends() -> None:
    text = "First one, long enough to count as a sentence here. `Second` follows it."
    assert SENTENCE_END.split(text) == [
        "First one, long enough to count as a sentence here.",
        "`Second` follows it.",
    ]


def defined_tests(module: ast.Module) -> set[str]:
    return {
        node.name
        for node in ast.walk(module)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def test_no_test_name_is_defined_in_two_modules() -> None:
    modules: dict[str, list[str]] = collections.defaultdict(list)
    for path in sorted(TESTS.rglob("test_*.py")):
        rel = path.relative_to(TESTS)
        if rel.parts[0] in SHARED_TEST_FOLDERS:
            continue
        for name in defined_tests(ast.parse(path.read_text())):
            modules[name].append(rel.as_posix())
    twice = {name: where for name, where in modules.items() if len(where) > 1}
    assert not twice, (
        "One proof per fact: merge these into the owner's module, or name what "
        f"each proves: {twice}"
    )
