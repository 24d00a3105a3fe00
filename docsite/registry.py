"""Every page of the site, the folders its code and checks live in, and where
it is exported. The nav (mkdocs.yml) and the skill manifest
are checked against this table (tests/docsite/test_registry.py).

A page `a/b-c.md` draws on `snippets/a/b_c/` and is checked in `tests/a/b_c/`
(`tests/a/b_c/test_page.py` for checks on the page itself). FOLDERS lists the
pages that do not follow that rule, and why.
"""

import dataclasses
from pathlib import Path

from docsite import paths
from docsite.config import load

# Page -> (snippet folders it embeds from, its tests folder). The exceptions only.
FOLDERS: dict[str, tuple[tuple[str, ...], str | None]] = {
    # The home page shows no code and has no checks of its own.
    "index.md": ((), None),
    # Tables of decisions and corrections: prose that cites tests elsewhere.
    "decisions.md": ((), "decisions"),
    "corrections.md": ((), "corrections"),
    # Filled from changelog.yml by docsite/changelog.py (tests/docsite/).
    "changelog.md": ((), None),
    # One home per claim: cancel and flow control are the improve guide's examples.
    "quick-reference.md": (("quick_reference", "guides/improve"), "quick_reference"),
    # The reference app: the Leadflow package and the files that describe it.
    "patterns/index.md": (("leadflow", "patterns"), "patterns"),
    "patterns/genie-iq.md": (("leadflow", "patterns"), "patterns"),
}

# Agent skill file -> the pages it is made of, in order (docsite/skill.py).
# Every guide in docs/guides/ is added as references/<guide>.md (skill_manifest).
SKILL: dict[str, list[str]] = {
    "SKILL.md": ["concepts.md"],
    "references/quick-reference.md": ["quick-reference.md"],
    "references/decisions.md": ["decisions.md"],
    "references/event-naming.md": ["event-naming.md"],
    "references/reference-app.md": ["patterns/index.md", "patterns/genie-iq.md"],
    "references/testing-kit.md": ["testing-kit.md"],
    "references/comparison.md": ["comparison.md"],
    "references/corrections.md": ["corrections.md"],
}
# Guides in task order; a guide not named here follows them, by file name.
GUIDE_ORDER = ["create", "improve", "debug", "deploy"]


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


def skill_manifest(docs: Path | None = None) -> dict[str, list[str]]:
    """Skill file -> pages: SKILL.md, the guides in task order, then the rest."""
    guides = sorted(
        (p.stem for p in ((docs or paths.DOCS) / "guides").glob("*.md")),
        key=lambda s: (GUIDE_ORDER.index(s) if s in GUIDE_ORDER else 99, s),
    )
    found = {"SKILL.md": SKILL["SKILL.md"]}
    found |= {f"references/{g}.md": [f"guides/{g}.md"] for g in guides}
    return found | {k: v for k, v in SKILL.items() if k != "SKILL.md"}
