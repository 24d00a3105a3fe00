"""Every page of the site, where its code and checks live, and the agent
skill's files: all derived from the nav (mkdocs.yml) and the page's path, so a
new page needs no line here.

- A page `a/b-c.md` keeps its code in `snippets/a/b_c/` and its checks in
  `tests/a/b_c/` (`tests/a/b_c/test_page.py` for checks on the page itself);
  `a/index.md` uses `a/`. A page with no code or no checks has no such folder.
- The agent skill (docsite/skill.py): SKILL.md is the core concepts page; every
  other page of the nav is `references/<its name>.md`, the nav's "Guides" first
  (in nav order: the order of the tasks), then the others in nav order. Not in
  the skill: the home page and the "Project" section (how the site is made).
  `SKILL_GROUPS` joins pages that make one reference.
"""

import dataclasses
import posixpath
from collections.abc import Sequence

from docsite.config import NavEntry, load

SKILL_MD = "concepts.md"
GUIDES = "Guides"  # the nav section whose pages come first in the skill
NOT_IN_SKILL = {"index.md"}  # pages; and every page of the sections below
NOT_IN_SKILL_SECTIONS = {"Project"}
# One reference made of several pages, in this order.
SKILL_GROUPS = {
    "references/reference-app.md": ["patterns/index.md", "patterns/genie-iq.md"],
}


@dataclasses.dataclass(frozen=True)
class PageInfo:
    src: str
    title: str
    folder: str  # under snippets/ and tests/ (neither need exist)


def folder_of(src: str) -> str:
    """`guides/create.md` -> `guides/create`; `event-naming.md` -> `event_naming`."""
    stem = src.removesuffix(".md").removesuffix("/index")
    return stem.replace("-", "_")


def pages() -> list[PageInfo]:
    """Every page in nav order."""
    return [PageInfo(e.src, e.title, folder_of(e.src)) for e in load().nav]


def reference_name(src: str) -> str:
    """`guides/create.md` -> `references/create.md`; `patterns/index.md` ->
    `references/patterns.md`."""
    stem = src.removesuffix(".md").removesuffix("/index")
    return f"references/{posixpath.basename(stem)}.md"


def skill_manifest(nav: Sequence[NavEntry] | None = None) -> dict[str, list[str]]:
    """Skill file -> its pages, in the skill's order (see the module's doc)."""
    entries = list(load().nav if nav is None else nav)
    grouped = {src: name for name, srcs in SKILL_GROUPS.items() for src in srcs}
    shipped = [
        e
        for e in entries
        if e.src not in NOT_IN_SKILL
        and e.section not in NOT_IN_SKILL_SECTIONS
        and e.src != SKILL_MD
    ]
    ordered = [e for e in shipped if e.section == GUIDES]
    ordered += [e for e in shipped if e.section != GUIDES]
    found = {"SKILL.md": [SKILL_MD]}
    for entry in ordered:
        name = grouped.get(entry.src) or reference_name(entry.src)
        if name in found and entry.src not in SKILL_GROUPS.get(name, []):
            raise ValueError(
                f"mkdocs.yml nav: {entry.src} and {found[name][0]} would both be "
                f"the skill's {name}: rename one page"
            )
        found.setdefault(name, SKILL_GROUPS.get(name, [entry.src]))
    return found
