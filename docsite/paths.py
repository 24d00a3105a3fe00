"""Where the repository keeps its pages, snippets and tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
TESTS = ROOT / "tests"
MKDOCS_YML = ROOT / "mkdocs.yml"
PUBLIC_ANCHORS = ROOT / "public-anchors.txt"


def page_name(path: Path, docs: Path | None = None) -> str:
    """`docs/guides/create.md` -> `guides/create.md` (MkDocs' `src_uri`)."""
    return path.relative_to(docs or DOCS).as_posix()


def page_files(docs: Path | None = None) -> list[Path]:
    """Every Markdown page under docs/, sorted."""
    return sorted((docs or DOCS).rglob("*.md"))


def snippet_modules(snippets: Path = SNIPPETS) -> list[Path]:
    """Python files under snippets/, without empty `__init__.py` files."""
    return sorted(
        p
        for p in snippets.rglob("*.py")
        if p.name != "__init__.py" or p.read_text().strip()
    )


def dotted(path: Path, root: Path = ROOT) -> str:
    """`snippets/x/y.py` -> `snippets.x.y` (a package's `__init__.py` -> its name)."""
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)
