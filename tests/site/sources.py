"""Read the docs sources the way pymdownx.snippets does (for the guard tests)."""

import dataclasses
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

from hooks.placeholders import expand

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
TESTS = ROOT / "tests"

EMBED = re.compile(
    r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$'
)
API_PAGE = re.compile(r"^:::\s+(?P<module>snippets(?:\.\w+)+)\s*$")
SECTION = re.compile(r"#\s*--8<--\s*\[(?P<kind>start|end):(?P<name>[\w-]+)\]")
FENCE = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<lang>[\w+-]*)"
)


@dataclasses.dataclass(frozen=True)
class Embed:
    page: str
    line: int
    path: str
    section: str | None

    def where(self) -> str:
        target = self.path + (f":{self.section}" if self.section else "")
        return f"docs/{self.page}:{self.line} embeds {target!r}"


def resolve(path: str) -> Path | None:
    """The file an embed names, searched like pymdownx.snippets' base_path."""
    for base in (SNIPPETS, ROOT):
        if (base / path).is_file():
            return base / path
    return None


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_name(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


def embeds() -> Iterator[Embed]:
    for page in pages():
        for number, line in enumerate(page.read_text().splitlines(), start=1):
            match = EMBED.match(line)
            if match:
                yield Embed(page_name(page), number, match["path"], match["section"])


def api_modules() -> set[str]:
    """Modules documented with mkdocstrings (`::: snippets.x.y`)."""
    found = set()
    for page in pages():
        for line in page.read_text().splitlines():
            match = API_PAGE.match(line)
            if match:
                found.add(match["module"])
    return found


def sections(path: Path) -> set[str]:
    """Named sections of a snippet file; raises ValueError if unbalanced."""
    opened: dict[str, int] = {}
    closed: set[str] = set()
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = SECTION.search(line)
        if not match:
            continue
        name = match["name"]
        if match["kind"] == "start":
            opened[name] = number
        elif name not in opened:
            raise ValueError(f"{path}:{number}: [end:{name}] without [start:{name}]")
        else:
            closed.add(name)
    unclosed = set(opened) - closed
    if unclosed:
        raise ValueError(f"{path}: sections never closed: {sorted(unclosed)}")
    return closed


def python_fences_with_code(page: Path) -> Iterator[int]:
    """Line numbers of ```python fences whose body is not only embed lines."""
    lines = page.read_text().splitlines()
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, start = match["fence"], index
        index += 1
        body = []
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index])
            index += 1
        index += 1
        if match["lang"] in ("python", "py", "python3", "pycon"):
            code = [b for b in body if b.strip() and not EMBED.match(b)]
            if code:
                yield start + 1


def snippet_modules() -> list[Path]:
    return sorted(
        p
        for p in SNIPPETS.rglob("*.py")
        if p.name != "__init__.py" or p.read_text().strip()
    )


def dotted(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


ANNOTATION = re.compile(r"\s*(#|//)\s*\(\d+\)!?\s*$")


def section_text(path: Path, section: str | None) -> str:
    """What pymdownx.snippets inserts: the section's lines, markers dropped, dedented."""
    lines = path.read_text().splitlines()
    if section is not None:
        start = next(i for i, line in enumerate(lines) if f"[start:{section}]" in line)
        end = next(i for i, line in enumerate(lines) if f"[end:{section}]" in line)
        lines = lines[start + 1 : end]
    kept = [line for line in lines if not SECTION.search(line)]
    return textwrap.dedent("\n".join(kept))


def copy_texts(page: Path) -> list[str]:
    """The text a reader should get from each code block's copy button, in order:
    the fence body with embeds expanded, no annotation markers, no trailing spaces."""
    lines = page.read_text().splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        index += 1
        if not match:
            continue
        body = []
        while index < len(lines) and not lines[index].strip().startswith(
            match["fence"]
        ):
            line = lines[index].removeprefix(match["indent"])
            embed = EMBED.match(line)
            if embed:
                target = resolve(embed["path"])
                assert target is not None, f"{page}: no file for {embed['path']}"
                body.append(section_text(target, embed["section"]))
            else:
                # The hook expands placeholders in the page before snippets are
                # inserted: typed lines are expanded, embedded text is not.
                body.append(expand(line, where=str(page), repo_url=None))
            index += 1
        index += 1
        text = "\n".join(body)
        blocks.append(
            "\n".join(ANNOTATION.sub("", line).rstrip() for line in text.split("\n"))
            .strip("\n")
            .rstrip()
        )
    return blocks
