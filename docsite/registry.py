"""Every page of the site, the folders its code and checks live in, and where
it is exported. The nav (mkdocs.yml), llms.txt sections and the skill manifest
are checked against this table (tests/docsite/test_registry.py).

A page `a/b-c.md` draws on `snippets/a/b_c/` and is checked in `tests/a/b_c/`
(`tests/a/b_c/test_page.py` for checks on the page itself). FOLDERS lists the
pages that do not follow that rule, and why.
"""

import dataclasses

from docsite.config import load

# Page -> (snippet folders it embeds from, its tests folder). The exceptions only.
FOLDERS: dict[str, tuple[tuple[str, ...], str | None]] = {
    # The home page shows no code and has no checks of its own.
    "index.md": ((), None),
    # Tables of decisions and corrections: prose that cites tests elsewhere.
    "decisions.md": ((), "decisions"),
    "corrections.md": ((), "corrections"),
    # The reference app: the Leadflow package and the files that describe it.
    "patterns/index.md": (("leadflow", "patterns"), "patterns"),
    "patterns/genie-iq.md": (("leadflow", "patterns"), "patterns"),
}

# Agent skill file -> the pages it is made of, in order (hooks/skill_export.py).
SKILL: dict[str, list[str]] = {
    "SKILL.md": [
        "concepts.md",
        "quick-reference.md",
        "decisions.md",
        "event-naming.md",
        "patterns/genie-iq.md",
    ],
    "inngest-create.md": ["guides/create.md"],
    "inngest-improve.md": ["guides/improve.md"],
    "inngest-debug.md": ["guides/debug.md", "corrections.md"],
}


@dataclasses.dataclass(frozen=True)
class PageInfo:
    src: str
    title: str
    snippets: tuple[str, ...]
    tests: str | None


def folder_of(src: str) -> str:
    """`guides/create.md` -> `guides/create`; `event-naming.md` -> `event_naming`."""
    stem = src.removesuffix(".md").removesuffix("/index")
    return stem.replace("-", "_")


def page_info(src: str, title: str = "") -> PageInfo:
    if src in FOLDERS:
        snippets, tests = FOLDERS[src]
        return PageInfo(src, title, snippets, tests)
    folder = folder_of(src)
    return PageInfo(src, title, (folder,), folder)


def pages() -> list[PageInfo]:
    """Every page in nav order."""
    return [page_info(entry.src, entry.title) for entry in load().nav]
