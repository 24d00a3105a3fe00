"""docsite.registry: folders and the skill's files follow from the nav and the
page's path, so a new page needs no entry."""

import pytest

from docsite import registry
from docsite.config import NavEntry


@pytest.mark.parametrize(
    ("src", "folder"),
    [
        ("quick-reference.md", "quick_reference"),
        ("guides/create.md", "guides/create"),
        ("patterns/index.md", "patterns"),
    ],
)
def test_folder_of(src: str, folder: str) -> None:
    assert registry.folder_of(src) == folder


def test_pages_come_in_nav_order_with_their_folders() -> None:
    pages = registry.pages()
    assert pages[0] == registry.PageInfo("index.md", "Home", "index")
    naming = next(p for p in pages if p.src == "event-naming.md")
    assert naming.folder == "event_naming"


NAV = [
    NavEntry("", "Home", "index.md"),
    NavEntry("Reference", "Quick reference", "quick-reference.md"),
    NavEntry("Guides", "Core concepts", "concepts.md"),
    NavEntry("Guides", "Create", "guides/create.md"),
    NavEntry("Guides", "Cron", "guides/cron-jobs.md"),
    NavEntry("Reference app", "Leadflow", "patterns/index.md"),
    NavEntry("Reference app", "Genie IQ", "patterns/genie-iq.md"),
    NavEntry("", "Testing kit", "testing-kit.md"),
    NavEntry("Project", "Contributing", "contributing.md"),
]


def test_a_new_page_of_the_nav_is_in_the_skill_without_an_entry() -> None:
    assert registry.skill_manifest(NAV) == {
        "SKILL.md": ["concepts.md"],
        "references/create.md": ["guides/create.md"],
        "references/cron-jobs.md": ["guides/cron-jobs.md"],
        "references/quick-reference.md": ["quick-reference.md"],
        "references/reference-app.md": ["patterns/index.md", "patterns/genie-iq.md"],
        "references/testing-kit.md": ["testing-kit.md"],
    }


def test_two_pages_with_one_reference_name_are_an_error() -> None:
    clash = [*NAV, NavEntry("Reference", "Create", "create.md")]
    with pytest.raises(ValueError, match=r"create\.md and guides/create\.md"):
        registry.skill_manifest(clash)


def test_the_skill_is_made_of_pages_of_the_nav() -> None:
    nav = {page.src for page in registry.pages()}
    shipped = [src for srcs in registry.skill_manifest().values() for src in srcs]
    assert set(shipped) <= nav, f"not in the nav: {set(shipped) - nav}"
    assert len(set(shipped)) == len(shipped), "a page is in the skill twice"
