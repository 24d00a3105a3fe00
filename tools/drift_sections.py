"""The page sections whose claims a test checks: where `make drift` says a
failing test would change the pages.

A test checks the snippet modules it imports (`from snippets.x import y`):
each page section (the heading above an embed line, or above a `:::` API
block) that shows one of them holds a claim the test backs. A test that
imports no snippet module checks its folder's page (docsite/registry.py).
"""

import ast
import functools
import re
from pathlib import Path

from docsite import embeds, paths, registry
from docsite.markdown import HEADING_ID

HEADING = re.compile(r"^#{1,6} (?P<title>.+?)[ \t]*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def test_file(classname: str) -> Path | None:
    """A JUnit classname (`tests.a.test_b`, `tests.a.test_b.TestC`) -> its file."""
    parts = classname.split(".")
    while parts:
        file = paths.ROOT.joinpath(*parts).with_suffix(".py")
        if file.is_file():
            return file
        parts.pop()
    return None


def imported_snippets(test: Path) -> set[Path]:
    """The snippet modules `test` imports (by module, or a name from one)."""
    files: set[Path] = set()
    for node in ast.walk(ast.parse(test.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            continue
        for name in names:
            file = embeds.module_file(paths.ROOT, name)
            if name.startswith("snippets.") and file.is_file():
                files.add(file.resolve())
    return {file for file in files if file.name != "__init__.py"}


@functools.cache
def shown_in() -> dict[Path, list[str]]:
    """Snippet file -> the page sections that embed it (`docs/p.md § Title (#id)`)."""
    shown: dict[Path, list[str]] = {}
    for page in paths.page_files():
        section, fenced = f"docs/{paths.page_name(page)}", False
        for line in page.read_text().splitlines():
            if FENCE.match(line):
                fenced = not fenced
            heading = None if fenced else HEADING.match(line)
            if heading:
                section = f"docs/{paths.page_name(page)} § {title(line)}"
            target = embedded_file(line)
            if target is not None and section not in shown.setdefault(target, []):
                shown[target].append(section)
    return shown


def title(heading: str) -> str:
    """`## Limits {#limits}` -> `Limits (#limits)`; `## Limits` -> `Limits`."""
    with_id = HEADING_ID.match(heading)
    if with_id:
        text = with_id["heading"].lstrip("#").strip()
        return f"{text} (#{with_id['id']})"
    return heading.lstrip("#").strip()


def embedded_file(line: str) -> Path | None:
    """The file an embed line or a `::: module` line shows, if any."""
    embed = embeds.EMBED.match(line)
    if embed:
        file = embeds.resolve(embed["path"])
        return file.resolve() if file else None
    api = embeds.API.match(line.strip())
    if api:
        return embeds.module_file(paths.ROOT, api["module"]).resolve()
    return None


def sections_checked_by(classname: str) -> list[str]:
    """The page sections whose claims the test `classname` checks."""
    test = test_file(classname)
    if test is None:
        return []
    found = [
        section
        for file in sorted(imported_snippets(test))
        for section in shown_in().get(file, [])
    ]
    if found:
        return list(dict.fromkeys(found))
    folder = test.parent.relative_to(paths.ROOT / "tests").as_posix()
    return [f"docs/{page.src}" for page in registry.pages() if page.folder == folder]
