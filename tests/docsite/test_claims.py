"""What the prose claims: server behaviour cited, "Tested:" linked, no internal words.

Source-level checks over docs/*.md (code fences removed), each failure naming
the page and line. The built-site counterpart for syntax that did not render is
tests/site/test_visible_text.py.
"""

import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from docsite import embeds, markdown, paths, placeholders
from docsite.paths import ROOT, SNIPPETS, TESTS

FORM_TITLE = "Inngest server behaviour"
FORM_TYPE = "info"
INNGEST_DOCS = "https://www.inngest.com/docs/"
ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?'
)
INLINE_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)\)")
REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[(?P<ref>[^\]]*)\]")
REF_DEF = re.compile(r"^\s*\[(?P<ref>[^\]]+)\]:\s*(?P<target>\S+)", re.MULTILINE)
INLINE_CODE = re.compile(r"`[^`]*`")
TEST_LINK = "{{ test:"
TEST_NAME = re.compile(r"`(test_\w+)`")
TESTED = re.compile(r"(?<![\"'])\bTested(?: for [\w ]+)?:")
INTERNAL_WORD = re.compile(r"\bseed(?:'s|s)?\b", re.IGNORECASE)
AD_HOC_FORM = re.compile(
    r"(?<!Inngest )server behaviou?r|not tested offline", re.IGNORECASE
)
# Sections that show code failing (or silently misbehaving) on purpose.
FAILING_SECTION = re.compile(r"(?:^|-)(?:wrong|typo|seed|broken|gather)(?:-|$)")
FAILING_CODE_PAGES = {"corrections.md", "guides/debug.md"}
CORRECTIONS = "corrections.md"


@dataclasses.dataclass(frozen=True)
class Line:
    page: str
    number: int
    text: str

    def where(self) -> str:
        return f"docs/{self.page}:{self.number}"


def prose(path: Path) -> list[Line]:
    """The page's lines outside code fences and front matter (numbered as in the file)."""
    lines = path.read_text().splitlines()
    kept: list[Line] = []
    fence: str | None = None
    in_front_matter = bool(lines) and lines[0] == "---"
    for number, text in enumerate(lines, start=1):
        if in_front_matter:
            in_front_matter = number == 1 or text != "---"
            continue
        stripped = text.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        match = markdown.FENCE.match(text)
        if match:
            fence = match["fence"]
            continue
        kept.append(Line(name_of(path), number, text))
    return kept


def name_of(path: Path) -> str:
    """`guides/debug.md` for a page; a path from the root for other files."""
    if path.is_relative_to(paths.DOCS):
        return paths.page_name(path)
    return "../" + path.relative_to(ROOT).as_posix()


@dataclasses.dataclass
class Admonition:
    start: Line
    kind: str
    title: str | None
    body: list[Line]


def admonitions(lines: list[Line]) -> Iterator[Admonition]:
    for index, line in enumerate(lines):
        match = ADMONITION.match(line.text)
        if not match:
            continue
        indent = len(match["indent"])
        body = []
        for following in lines[index + 1 :]:
            if following.text.strip() and (
                len(following.text) - len(following.text.lstrip()) <= indent
            ):
                break
            body.append(following)
        yield Admonition(line, match["kind"], match["title"], body)


def link_targets(text: str, references: dict[str, str]) -> list[tuple[str, str]]:
    """(link text, target) of inline and reference-style links in `text`."""
    text = INLINE_CODE.sub("", text)
    found = [(m["text"], m["target"]) for m in INLINE_LINK.finditer(text)]
    for match in REF_LINK.finditer(text):
        ref = (match["ref"] or match["text"]).lower()
        found.append((match["text"], references.get(ref, "")))
    return found


def references(path: Path) -> dict[str, str]:
    return {m["ref"].lower(): m["target"] for m in REF_DEF.finditer(path.read_text())}


def paragraphs(lines: list[Line]) -> Iterator[list[Line]]:
    """Runs of non-blank lines; a run ending in "Tested:" takes the list after it."""
    block: list[Line] = []
    pending: list[Line] = []
    for line in [*lines, Line("", 0, "")]:
        if line.text.strip():
            block.append(line)
            continue
        if not block:
            continue
        if pending and block[0].text.lstrip().startswith("- "):
            pending.extend(block)
        else:
            if pending:
                yield pending
                pending = []
            if block[-1].text.rstrip().endswith("Tested:"):
                pending = block
            else:
                yield block
        block = []
    if pending:
        yield pending


def checked_pages() -> list[Path]:
    return [*paths.page_files(), SNIPPETS / "contributing" / "server_behaviour.md"]


def problems_in_server_blocks(path: Path) -> list[str]:
    refs = references(path)
    problems = []
    for block in admonitions(prose(path)):
        if block.title != FORM_TITLE:
            if block.title and AD_HOC_FORM.search(block.title):
                problems.append(
                    f"{block.start.where()}: title {block.title!r}: server "
                    f'behaviour goes in the form !!! {FORM_TYPE} "{FORM_TITLE}"'
                )
            continue
        if block.kind != FORM_TYPE:
            problems.append(
                f"{block.start.where()}: the {FORM_TITLE!r} form is an "
                f"{FORM_TYPE!r} admonition, not {block.kind!r}"
            )
        body = "\n".join(line.text for line in block.body)
        cited = [t for _, t in link_targets(body, refs) if t.startswith(INNGEST_DOCS)]
        if not cited:
            problems.append(
                f"{block.start.where()}: {FORM_TITLE!r} block links no page of "
                f"Inngest's docs ({INNGEST_DOCS}...)"
            )
    return problems


def test_every_server_behaviour_block_cites_inngest_docs() -> None:
    problems = [p for page in checked_pages() for p in problems_in_server_blocks(page)]
    assert not problems, "\n".join(problems)


def prose_matching(pattern: re.Pattern[str], pages: list[Path]) -> list[str]:
    """`docs/page.md:line: text` for each prose line (not an admonition title)."""
    return [
        f"{line.where()}: {line.text.strip()}"
        for page in pages
        for line in prose(page)
        if pattern.search(line.text) and not ADMONITION.match(line.text)
    ]


def test_server_behaviour_is_only_said_in_the_form() -> None:
    """No "(server behaviour, not tested offline)" asides: the form or nothing."""
    problems = prose_matching(AD_HOC_FORM, paths.page_files())
    assert not problems, (
        f'say it in the !!! {FORM_TYPE} "{FORM_TITLE}" form instead:\n'
        + "\n".join(problems)
    )


def problems_in_tested_claims(path: Path) -> list[str]:
    problems = []
    for block in paragraphs(prose(path)):
        text = "\n".join(line.text for line in block)
        match = TESTED.search(text)
        if match and TEST_LINK not in text[match.start() :]:
            problems.append(
                f"{block[0].where()}: a 'Tested:' sentence with no link to its "
                "test ({{ test:tests/<path>.py::<test_name> }})"
            )
    return problems


def test_every_tested_sentence_links_its_test() -> None:
    problems = [p for page in checked_pages() for p in problems_in_tested_claims(page)]
    assert not problems, "\n".join(problems)


def test_test_links_point_at_tests() -> None:
    """A link reading "test" goes to a test or to a section naming the tests."""
    problems = []
    for page in checked_pages():
        refs = references(page)
        for line in prose(page):
            for text, target in link_targets(line.text, refs):
                if text.strip().lower() not in {"test", "tests"}:
                    continue
                if not target.startswith(
                    (TEST_LINK, "{{ repo:tests/", "#")
                ) or target in {"#", ""}:
                    problems.append(f"{line.where()}: [{text}]({target})")
    assert not problems, "links named 'test' that point at no test:\n" + "\n".join(
        problems
    )


def defined_tests() -> set[str]:
    names = set()
    for path in TESTS.rglob("test_*.py"):
        names.update(re.findall(r"^\s*def (test_\w+)\(", path.read_text(), re.M))
    return names


def test_test_names_on_pages_exist() -> None:
    known = defined_tests()
    missing = [
        f"{line.where()}: {name}"
        for page in paths.page_files()
        for line in prose(page)
        for name in TEST_NAME.findall(line.text)
        if name not in known
    ]
    assert not missing, "pages name tests that do not exist:\n" + "\n".join(missing)


def test_internal_words_stay_on_the_corrections_page() -> None:
    others = [p for p in paths.page_files() if paths.page_name(p) != CORRECTIONS]
    found = prose_matching(INTERNAL_WORD, others)
    assert not found, (
        "say 'the agent skill document this site corrects' and link the "
        "corrections page, or nothing:\n" + "\n".join(found)
    )


def test_failing_code_is_only_on_the_corrections_and_debug_pages() -> None:
    misplaced = [
        embed.where()
        for embed in embeds.site_embeds()
        if embed.section
        and FAILING_SECTION.search(embed.section)
        and embed.page not in FAILING_CODE_PAGES
    ]
    assert not misplaced, (
        "code that fails on purpose belongs on the corrections page or in the "
        "debug guide; link there instead:\n" + "\n".join(misplaced)
    )


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        (
            '!!! info "Inngest server behaviour"\n    Runs queue. No source.\n',
            "links no page of Inngest's docs",
        ),
        (
            '!!! warning "Inngest server behaviour"\n'
            "    Runs queue ([docs](https://www.inngest.com/docs/guides/x)).\n",
            "not 'warning'",
        ),
        (
            '!!! warning "Server behaviour, not tested offline"\n    Runs queue.\n',
            "goes in the form",
        ),
        (
            '!!! info "Inngest server behaviour"\n'
            "    Runs queue ([a blog](https://example.com/docs/x)).\n",
            "links no page of Inngest's docs",
        ),
    ],
)
def test_the_form_check_fails_on_a_bad_block(
    scratch_page: Path, markdown: str, problem: str
) -> None:
    page = scratch_page
    page.write_text(markdown)
    [found] = problems_in_server_blocks(page)
    assert found.startswith("docs/page.md:1: ")
    assert problem in found


def test_the_form_check_accepts_a_reference_link(scratch_page: Path) -> None:
    page = scratch_page
    page.write_text(
        '!!! info "Inngest server behaviour"\n    Runs queue ([docs][c]).\n\n'
        "[c]: https://www.inngest.com/docs/guides/concurrency\n"
    )
    assert problems_in_server_blocks(page) == []


@pytest.mark.parametrize(
    "markdown",
    [
        "Tested: it works.\n",
        "Tested:\n\n- one thing;\n- another.\n",
        "Text. Tested: it works ([test]({{ repo:tests/conftest.py }})).\n",
    ],
)
def test_the_tested_check_fails_without_a_test_link(
    scratch_page: Path, markdown: str
) -> None:
    page = scratch_page
    page.write_text(markdown)
    [found] = problems_in_tested_claims(page)
    assert found.startswith("docs/page.md:1: ")


def test_the_tested_check_follows_a_list(scratch_page: Path) -> None:
    page = scratch_page
    page.write_text("Tested:\n\n- one ([test]({{ test:tests/a.py::test_a }}));\n")
    assert problems_in_tested_claims(page) == []


TEST_PLACEHOLDER = re.compile(r"\{\{\s*test:(?P<path>[^:}\s]+)::(?P<name>\w+)\s*\}\}")


def test_every_test_link_names_an_existing_test() -> None:
    """The build stops on a dead `test:` link too; this names them all at once."""
    problems = []
    for page in checked_pages():
        for line in prose(page):
            for match in TEST_PLACEHOLDER.finditer(line.text):
                try:
                    placeholders.line_of_test(match["path"], match["name"], "")
                except placeholders.PlaceholderError:
                    problems.append(f"{line.where()}: {match.group(0)}")
    assert not problems, "test links to missing tests:\n" + "\n".join(problems)


def asserts(source: str, name: str) -> bool:
    """Whether the test `name` in `source` checks something: an `assert`, a
    `pytest.raises` or `warns` block, or a call to an `assert_...` helper."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            node.name == name
        ):
            return any(
                isinstance(inner, ast.Assert)
                or (
                    isinstance(inner, ast.Call)
                    and re.search(
                        r"(^|\.)(raises|warns|assert_\w*)$", ast.unparse(inner.func)
                    )
                )
                for inner in ast.walk(node)
            )
    return False


def test_every_linked_test_asserts_something() -> None:
    """A "Tested:" link is a claim's proof: the test it names must check."""
    idle = [
        f"{line.where()}: {match['path']}::{match['name']}"
        for page in checked_pages()
        for line in prose(page)
        for match in TEST_PLACEHOLDER.finditer(line.text)
        if (ROOT / match["path"]).is_file()
        and not asserts((ROOT / match["path"]).read_text(), match["name"])
    ]
    assert not idle, (
        "tests linked as proof that assert nothing: assert what the sentence "
        "claims:\n" + "\n".join(idle)
    )


@pytest.mark.parametrize(
    ("body", "checks"),
    [
        ("    assert run.output == 1", True),
        ("    with pytest.raises(ValueError):\n        f()", True),
        ("    assert_keeps_every_event(run)", True),
        ("    run = f()\n    print(run)", False),
    ],
)
def test_the_assert_check(body: str, checks: bool) -> None:
    assert asserts(f"def test_x() -> None:\n{body}\n", "test_x") is checks


SHELL = ("bash", "sh", "shell", "console")
NOT_RUN = 'title="Checked, not run"'
# The shell blocks a test runs exactly as the page shows them. Every other shell
# block is only parsed and checked (it needs the network, Node.js, Docker or your
# platform), and carries the NOT_RUN title so that readers see it.
RUN_BY_A_TEST = {
    "skill/install.sh:zip": "tests/skill/test_install.py::test_unzipping_as_the_page_says_installs_the_skill",
    "skill/install.sh:clone": "tests/skill/test_install.py::test_copying_from_a_clone_installs_the_committed_skill",
    "skill/install.sh:validate": "tests/skill/test_install.py::test_the_validate_command_accepts_the_committed_skill",
    "patterns/commands.sh:uv-test": "tests/patterns/test_download.py::test_the_download_installs_tests_and_serves_in_an_empty_folder",
    "patterns/commands.sh:pip-test": "tests/patterns/test_download.py::test_the_download_installs_tests_and_serves_in_an_empty_folder",
    "patterns/commands.sh:uv-run": "tests/patterns/test_download.py::test_the_download_installs_tests_and_serves_in_an_empty_folder",
    "patterns/commands.sh:pip-run": "tests/patterns/test_download.py::test_the_download_installs_tests_and_serves_in_an_empty_folder",
}


def problems_in_shell_labels(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    problems = []
    for start, match, body in markdown.fences(lines):
        if match["lang"] not in SHELL:
            continue
        shown = {
            f"{m['path']}:{m['section']}"
            for m in map(embeds.EMBED.match, body)
            if m is not None
        }
        runs = bool(shown) and shown <= RUN_BY_A_TEST.keys()
        labelled = NOT_RUN in lines[start]
        where = f"docs/{name_of(path)}:{start + 1}"
        if runs and labelled:
            problems.append(f"{where}: a test runs this block: remove {NOT_RUN}")
        if not runs and not labelled:
            problems.append(
                f"{where}: no test runs this block: add {NOT_RUN} to its fence, or "
                "run it in a test and list it in RUN_BY_A_TEST"
            )
    return problems


def test_shell_blocks_no_test_runs_are_labelled() -> None:
    problems = [
        p for page in paths.page_files() for p in problems_in_shell_labels(page)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("section", sorted(RUN_BY_A_TEST))
def test_the_tests_that_run_shell_blocks_exist(section: str) -> None:
    test = RUN_BY_A_TEST[section]
    path, _, name = test.partition("::")
    source = (ROOT / path).read_text()
    assert re.search(rf"^def {name}\(", source, re.M), f"{test} does not exist"
    assert f'"{section.split(":")[1]}"' in source, f"{test} does not run {section}"


@pytest.mark.parametrize(
    ("fence", "problem"),
    [
        ("``` bash", "no test runs this block"),
        ('``` bash title="Checked, not run"', None),
    ],
)
def test_the_shell_label_check(
    scratch_page: Path, fence: str, problem: str | None
) -> None:
    scratch_page.write_text(f'{fence}\n--8<-- "guides/deploy/run.sh:uvicorn"\n```\n')
    found = problems_in_shell_labels(scratch_page)
    if problem is None:
        assert found == []
    else:
        [unlabelled] = found
        assert unlabelled.startswith(f"docs/page.md:1: {problem}")
    scratch_page.write_text(
        '``` bash title="Checked, not run"\n--8<-- "skill/install.sh:zip"\n```\n'
    )
    [ran] = problems_in_shell_labels(scratch_page)
    assert ran.startswith("docs/page.md:1: a test runs this block")
