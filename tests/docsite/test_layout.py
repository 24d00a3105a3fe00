"""Guards on the layout: the nav lists every page, a page's code and checks sit
in its folders, tests stay readable (no module over 800 lines, no private name
of this repository's code), and tests only import fixtures and helpers.

No rule asks for one test module per snippet module: coverage (100%) says every
line runs, and every "Tested:" link names a test that asserts
(tests/docsite/test_claims.py).
"""

import ast
import re
from pathlib import Path

from docsite import embeds, paths, registry, urls

PAGES = registry.pages()
TEST_MODULES = sorted(paths.TESTS.rglob("test_*.py"))
PAGE_CHECKS = re.compile(r"test_(\w+_)?pages?")  # test_x_page.py, test_pages.py
MAX_TEST_LINES = 800
LINK = re.compile(r"\]\(([^)\s#]+\.md)[)#]|^\[[^\]]+\]:\s*(\S+\.md)", re.M)


def test_the_nav_lists_every_page_once() -> None:
    listed = [page.src for page in PAGES]
    files = [paths.page_name(p) for p in paths.page_files()]
    assert len(set(listed)) == len(listed), f"pages twice in the nav: {listed}"
    assert sorted(listed) == files, (
        "mkdocs.yml nav and docs/ differ: add the page to the nav "
        f"(missing: {sorted(set(files) - set(listed))}, "
        f"no file: {sorted(set(listed) - set(files))})"
    )


def owner(path: str) -> str | None:
    """The page whose folder holds snippets/`path` (the deepest one), or None
    for shared code no page owns (the reference app's package)."""
    found = [p for p in PAGES if path.startswith(f"{p.folder}/")]
    return max(found, key=lambda p: len(p.folder)).src if found else None


def linked_pages(src: str) -> set[str]:
    text = (paths.DOCS / src).read_text()
    return {urls.resolve_link(src, a or b) for a, b in LINK.findall(text)}


def test_pages_embed_their_own_code_or_the_code_of_a_page_they_link() -> None:
    """A page shows code from its folder; it may show another page's block
    only if it links that page (where the block is explained), and code no
    page owns (a shared package) freely."""
    strays = []
    for embed in embeds.site_embeds():
        target = embeds.resolve(embed.path)
        if target is None or not target.is_relative_to(paths.SNIPPETS):
            continue  # unresolved: test_sources says so; repo-root files are shared
        home = owner(embed.path)
        if home not in (None, embed.page) and home not in linked_pages(embed.page):
            strays.append(
                f"{embed.where()}: snippets/{embed.path} is {home}'s code: move it "
                f"to snippets/{registry.folder_of(embed.page)}/, or link {home} "
                "where the page shows it"
            )
    assert not strays, "\n".join(strays)


def test_page_level_checks_live_in_test_page() -> None:
    homes = {page.folder for page in PAGES}
    misplaced = [
        str(path.relative_to(paths.ROOT))
        for path in TEST_MODULES
        if (PAGE_CHECKS.fullmatch(path.stem) and path.name != "test_page.py")
        or (
            path.name == "test_page.py"
            and path.parent.relative_to(paths.TESTS).as_posix() not in homes
        )
    ]
    assert not misplaced, (
        f"checks on a page go in tests/<its folder>/test_page.py: {misplaced}"
    )


def test_every_non_python_snippet_is_read_by_a_test() -> None:
    """Coverage cannot see a shell, JSON or text file: a test must name it."""
    texts = [t.read_text() for t in TEST_MODULES]
    untested = [
        f"snippets/{file.relative_to(paths.SNIPPETS)}"
        for file in sorted(paths.SNIPPETS.rglob("*.*"))
        if file.suffix not in {".py", ".pyc"}
        and not any(file.name in text for text in texts)
    ]
    assert not untested, (
        "no test names these files: check what they say in a test that reads "
        "them by name (the page's test_page.py, or the test of the example):\n"
        + "\n".join(untested)
    )


def test_no_test_module_is_over_800_lines() -> None:
    long = {
        str(path.relative_to(paths.ROOT)): lines
        for path in TEST_MODULES
        if (lines := len(path.read_text().splitlines())) > MAX_TEST_LINES
    }
    assert not long, (
        f"split these by topic into modules of at most {MAX_TEST_LINES} lines "
        f"(shared set-up in a conftest.py or a helper module): {long}"
    )


# This repository's code that readers use or pages rely on: tests use what a
# reader can use, never a name with a leading underscore.
OWN = ("inngest_kit", "snippets", "docsite", "hooks")


def _is_own(module: str) -> bool:
    return module.split(".")[0] in OWN


def private_names(source: str, where: str) -> list[str]:
    """`alias._name` where alias is one of OWN's modules, and
    `from <OWN module> import _name`, as `where:line: name`, in line order."""
    tree = ast.parse(source)
    aliases: set[str] = set()
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {
                (a.asname or a.name.split(".")[0])
                for a in node.names
                if _is_own(a.name)
            }
        elif isinstance(node, ast.ImportFrom) and node.module and _is_own(node.module):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append((node.lineno, alias.name))
                else:
                    aliases.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return [f"{where}:{line}: {name}" for line, name in sorted(found)]


def test_tests_use_no_private_name_of_the_kit_or_the_library() -> None:
    found = [
        hit
        for path in sorted(paths.TESTS.rglob("*.py"))
        for hit in private_names(path.read_text(), str(path.relative_to(paths.ROOT)))
    ]
    assert not found, (
        "test what a reader can call: make the name public (and document it), "
        "or test it through the public function that uses it:\n" + "\n".join(found)
    )


def test_the_private_name_guard_finds_both_forms() -> None:
    source = (
        "import inngest_kit as kit\nfrom docsite import embeds\n"
        "from inngest_kit import _step\nkit._queue()\nembeds._x\n"
        "kit.__name__\nother._y\n"
    )
    assert private_names(source, "t.py") == [
        "t.py:3: _step",
        "t.py:4: kit._queue",
        "t.py:5: embeds._x",
    ]


def _imported(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def is_test_module(name: str) -> bool:
    """`tests.x.test_y` or `tests.x.conftest`: modules pytest collects."""
    last = name.rsplit(".", 1)[-1]
    return name.startswith("tests.") and (
        last.startswith("test_") or last == "conftest"
    )


def test_no_module_imports_a_test_module_or_a_conftest() -> None:
    offenders = [
        f"{path.relative_to(paths.ROOT)} imports {name}"
        for root in (paths.TESTS, paths.ROOT / "tools", paths.ROOT / "hooks")
        for path in sorted(root.rglob("*.py"))
        for name in _imported(path)
        if is_test_module(name)
    ]
    assert not offenders, (
        "move shared code to docsite/, tools/ or a helper module next to the "
        "tests (a fixture belongs in a conftest.py):\n" + "\n".join(offenders)
    )


def _is_fixture(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return node.name.startswith("pytest_") or any(
        "fixture" in ast.unparse(d) for d in node.decorator_list
    )


def test_conftest_files_hold_fixtures_only() -> None:
    problems = []
    for path in sorted(paths.TESTS.rglob("conftest.py")):
        for node in ast.parse(path.read_text()).body:
            where = f"{path.relative_to(paths.ROOT)}:{node.lineno}"
            if isinstance(node, ast.ClassDef):
                problems.append(f"{where}: class {node.name}")
            elif isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef
            ) and not _is_fixture(node):
                problems.append(f"{where}: def {node.name} is not a fixture")
    assert not problems, "move helpers to a module of their own:\n" + "\n".join(
        problems
    )


def test_the_import_guard_knows_a_test_module() -> None:
    assert is_test_module("tests.site.test_built_site")
    assert is_test_module("tests.leadflow.conftest")
    assert not is_test_module("tests.leadflow.samples")
    assert not is_test_module("docsite.embeds")


def test_the_fixture_guard_knows_a_fixture() -> None:
    tree = ast.parse(
        "@pytest.fixture\ndef a(): ...\ndef pytest_configure(): ...\ndef b(): ..."
    )
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert [n.name for n in defs if _is_fixture(n)] == ["a", "pytest_configure"]


def test_library_hooks_and_tools_import_nothing_from_tests() -> None:
    offenders = [
        f"{path.relative_to(paths.ROOT)} imports {name}"
        for folder in ("docsite", "hooks", "tools")
        for path in sorted((paths.ROOT / folder).rglob("*.py"))
        for name in _imported(path)
        if name == "tests" or name.startswith("tests.")
    ]
    assert not offenders, "tests import the library, never the other way:\n" + (
        "\n".join(offenders)
    )


def test_the_library_imports_no_hook_and_no_tool() -> None:
    """docsite/ is the bottom layer: hooks/ and tools/ use it, never the reverse."""
    offenders = [
        f"{path.relative_to(paths.ROOT)} imports {name}"
        for path in sorted((paths.ROOT / "docsite").rglob("*.py"))
        for name in _imported(path)
        if name.split(".")[0] in ("hooks", "tools")
    ]
    assert not offenders, "move what docsite needs into docsite/:\n" + "\n".join(
        offenders
    )


def test_no_module_edits_sys_path() -> None:
    """The repository is an installed package (pyproject.toml): hooks and tools
    import docsite as any library, so none prepends the checkout to sys.path."""
    offenders = [
        f"{path.relative_to(paths.ROOT)}:{number}"
        for folder in ("docsite", "hooks", "tools")
        for path in sorted((paths.ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "sys.path" in line or "noqa: E402" in line
    ]
    assert not offenders, "import docsite instead:\n" + "\n".join(offenders)
