"""docsite.registry: a page's folders follow its name unless FOLDERS says why."""

import pytest

from docsite import registry


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


def test_a_page_with_no_exception_uses_its_folder() -> None:
    info = registry.page_info("event-naming.md", "Event naming")
    assert info == registry.PageInfo(
        "event-naming.md", "Event naming", ("event_naming",), "event_naming"
    )


def test_an_exception_comes_from_the_alias_table() -> None:
    assert registry.page_info("patterns/genie-iq.md").snippets == (
        "leadflow",
        "patterns",
    )
    assert registry.page_info("index.md").tests is None


def test_pages_come_in_nav_order() -> None:
    pages = registry.pages()
    assert pages[0].src == "index.md"
    assert pages[0].title == "Home"
