"""Guards on the layout: every page has its folders, the nav and the skill agree
with the page registry, and tests only import fixtures and helpers.
"""

import ast
import re
from pathlib import Path

from docsite import embeds, paths, registry

PAGES = registry.pages()
TEST_MODULES = sorted(paths.TESTS.rglob("test_*.py"))
PAGE_CHECKS = re.compile(r"test_(\w+_)?pages?")  # test_x_page.py, test_pages.py


def test_the_nav_lists_every_page_once() -> None:
    listed = [page.src for page in PAGES]
    files = [paths.page_name(p) for p in paths.page_files()]
    assert len(set(listed)) == len(listed), f"pages twice in the nav: {listed}"
    assert sorted(listed) == files, (
        "mkdocs.yml nav and docs/ differ: add the page to the nav "
        f"(missing: {sorted(set(files) - set(listed))}, "
        f"no file: {sorted(set(listed) - set(files))})"
    )


def test_the_skill_is_made_of_registered_pages() -> None:
    known = {page.src for page in PAGES}
    exported = [src for srcs in registry.SKILL.values() for src in srcs]
    assert set(exported) <= known, f"not pages: {set(exported) - known}"
    assert len(set(exported)) == len(exported), "a page is in the skill twice"


def test_every_page_has_its_snippet_and_test_folders() -> None:
    missing = []
    for page in PAGES:
        missing += [
            f"{page.src}: snippets/{folder}/"
            for folder in page.snippets
            if not (paths.SNIPPETS / folder).is_dir()
        ]
        if page.tests is not None and not (paths.TESTS / page.tests).is_dir():
            missing.append(f"{page.src}: tests/{page.tests}/")
    assert not missing, (
        "create the folders, or add the page to FOLDERS in docsite/registry.py:\n"
        + "\n".join(missing)
    )


def test_pages_embed_snippets_from_their_own_folders() -> None:
    folders = {page.src: page.snippets for page in PAGES}
    strays = []
    for embed in embeds.site_embeds():
        target = embeds.resolve(embed.path)
        if target is None or not target.is_relative_to(paths.SNIPPETS):
            continue  # unresolved: test_sources says so; repo-root files are shared
        if not any(embed.path.startswith(f"{f}/") for f in folders[embed.page]):
            strays.append(f"{embed.where()}: not in {folders[embed.page]}")
    assert not strays, "\n".join(strays)


def test_page_level_checks_live_in_test_page() -> None:
    homes = {page.tests for page in PAGES}
    misplaced = [
        str(path.relative_to(paths.ROOT))
        for path in paths.TESTS.rglob("test_*.py")
        if (PAGE_CHECKS.fullmatch(path.stem) and path.name != "test_page.py")
        or (
            path.name == "test_page.py"
            and path.parent.relative_to(paths.TESTS).as_posix() not in homes
        )
    ]
    assert not misplaced, (
        f"checks on a page go in tests/<its folder>/test_page.py: {misplaced}"
    )


def test_every_non_python_snippet_has_a_test() -> None:
    untested = []
    for file in sorted(paths.SNIPPETS.rglob("*.*")):
        if file.suffix in {".py", ".pyc"}:
            continue
        rel = file.relative_to(paths.SNIPPETS)
        folder = paths.TESTS / rel.parent
        own = folder / f"test_{file.stem.replace('-', '_')}.py"
        # Else a test that reads it by name: the page's test_page.py, or the
        # test of the tool that writes it (tests/tools/test_mutate.py).
        naming = [t for t in TEST_MODULES if file.name in t.read_text()]
        if not own.is_file() and not naming:
            untested.append(f"snippets/{rel}: no {own.relative_to(paths.ROOT)}")
    assert not untested, "\n".join(untested)


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
