"""Embed lines and named sections, read the way pymdownx.snippets reads them.

A page embeds code with a line `--8<-- "path[:section]"`; a snippet file
marks a section with `# --8<-- [start:name]` ... `# --8<-- [end:name]`.
The embed is replaced by the section's lines, markers dropped, dedented
(`dedent_subsections: true` in mkdocs.yml).

`EmbedsExtension` (`docsite.embeds` in mkdocs.yml's markdown_extensions) is
pymdownx.snippets with its base paths taken from the repository root, whatever
the working directory: MkDocs' own `!relative` tag did that for MkDocs only, and
other generators (Zensical) and a build started from another folder (`make
bench`'s stock site) read the same config.
"""

import dataclasses
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pymdownx.snippets import SnippetExtension  # type: ignore[import-untyped]

from docsite.paths import ROOT, page_files, page_name

EMBED = re.compile(
    r'^(?P<indent>\s*)-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$'
)
API = re.compile(r"^:::\s+(?P<module>[\w.]+)\s*$")
MARKER = re.compile(r"#\s*--8<--\s*\[(?P<kind>start|end):(?P<name>[\w-]+)\]")


class SnippetError(Exception):
    """An embed names no file or section, or section markers are unbalanced."""


@dataclasses.dataclass(frozen=True)
class Embed:
    """One embed line of a page: where it is and what it names."""

    page: str
    line: int
    path: str
    section: str | None
    indent: str = ""

    def where(self) -> str:
        target = self.path + (f":{self.section}" if self.section else "")
        return f"docs/{self.page}:{self.line} embeds {target!r}"


def embeds_in(text: str, page: str = "") -> Iterator[Embed]:
    """The embed lines of a page's Markdown, in order."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = EMBED.match(line)
        if match:
            yield Embed(page, number, match["path"], match["section"], match["indent"])


def api_modules_in(text: str) -> list[str]:
    """Modules a page documents with mkdocstrings (`::: snippets.x.y`)."""
    return [m["module"] for line in text.splitlines() if (m := API.match(line))]


def module_file(root: Path, module: str) -> Path:
    """`snippets.x.y` -> `snippets/x/y.py` (or the package's `__init__.py`)."""
    path = root.joinpath(*module.split("."))
    package = path / "__init__.py"
    return package if package.is_file() else path.with_suffix(".py")


def site_embeds(docs: Path | None = None) -> Iterator[Embed]:
    """The embed lines of every page under docs/."""
    for page in page_files(docs):
        yield from embeds_in(page.read_text(), page_name(page, docs))


def site_api_modules(docs: Path | None = None) -> set[str]:
    """Every module a page documents with mkdocstrings."""
    return {m for page in page_files(docs) for m in api_modules_in(page.read_text())}


def resolve(path: str, bases: Sequence[Path] | None = None) -> Path | None:
    """The file an embed names: the first base path that has it (mkdocs.yml's
    pymdownx.snippets `base_path` unless `bases` is given)."""
    if bases is None:
        from docsite.config import load  # imports MkDocs: only when needed

        bases = load().snippet_bases
    return next((b / path for b in bases if (b / path).is_file()), None)


def sections(path: Path) -> set[str]:
    """Named sections of a snippet file; SnippetError if they are unbalanced."""
    opened: dict[str, int] = {}
    closed: set[str] = set()
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = MARKER.search(line)
        if not match:
            continue
        name = match["name"]
        if match["kind"] == "start":
            opened[name] = number
        elif name not in opened:
            raise SnippetError(f"{path}:{number}: [end:{name}] without [start:{name}]")
        else:
            closed.add(name)
    unclosed = set(opened) - closed
    if unclosed:
        raise SnippetError(f"{path}: sections never closed: {sorted(unclosed)}")
    return closed


def section_lines(path: Path, name: str | None) -> list[str]:
    """The lines pymdownx.snippets inserts for `path:name` (all of it if no name)."""
    lines = path.read_text().splitlines()
    if name is not None:
        try:
            first = next(i for i, line in enumerate(lines) if f"[start:{name}]" in line)
            last = next(i for i, line in enumerate(lines) if f"[end:{name}]" in line)
        except StopIteration:
            raise SnippetError(f"section {name!r} not found in {path}") from None
        lines = lines[first + 1 : last]
    return _dedent(line for line in lines if not MARKER.search(line))


def section_text(path: Path, name: str | None) -> str:
    """`section_lines` joined, as the page shows it."""
    return "\n".join(section_lines(path, name))


def all_sections(path: Path) -> dict[str, str]:
    """Every named section of a file, name -> text (markers dropped, dedented)."""
    found = {name: section_text(path, name) for name in sorted(sections(path))}
    if not found:
        raise SnippetError(f"{path}: no '# --8<-- [start:NAME]' sections found")
    return found


def _dedent(lines: Iterable[str]) -> list[str]:
    return textwrap.dedent("\n".join(lines)).split("\n")


def base_paths(configured: str | Sequence[str], root: Path = ROOT) -> list[Path]:
    """`base_path` of the config (one path or a list), from `root`."""
    listed = [configured] if isinstance(configured, str) else list(configured)
    return [(root / path).resolve() for path in listed]


class EmbedsExtension(SnippetExtension):  # type: ignore[misc]
    """pymdownx.snippets, its `base_path` relative to the repository root."""

    def __init__(self, **kwargs: Any) -> None:
        bases = base_paths(kwargs.pop("base_path", ["."]))
        super().__init__(base_path=[str(base) for base in bases], **kwargs)


def makeExtension(**kwargs: Any) -> EmbedsExtension:
    return EmbedsExtension(**kwargs)
