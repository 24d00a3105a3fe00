"""docsite/llms.py: Markdown copies, llms.txt and llms-full.txt from the sources."""

import re

import pytest

from docsite import config, finish, llms
from docsite.markdown import page_facts
from docsite.urls import markdown_uri

SITE = config.load()


@pytest.fixture(scope="module")
def copies() -> dict[str, str]:
    return llms.copies(SITE, served=frozenset(finish.FILES))


def test_every_page_in_the_nav_has_a_copy_that_starts_with_its_title(
    copies: dict[str, str],
) -> None:
    assert list(copies) == [markdown_uri(src) for src in SITE.nav_pages()]
    for src in SITE.nav_pages():
        title, _ = page_facts(src)
        assert copies[markdown_uri(src)].startswith(f"# {title}\n"), src


def test_a_copy_links_the_other_copies_relatively(copies: dict[str, str]) -> None:
    create = copies["guides/create/index.md"]
    assert "](../../quick-reference/index.md#dev-server)" in create
    assert "http://127.0.0.1:8000/quick-reference" not in create
    assert "](../downloads/inngest-workflow-skill.zip)" in copies["skill/index.md"]


def test_sections_follow_the_nav() -> None:
    found = llms.sections(SITE)
    assert list(found)[:3] == ["Home", "Reference", "Guides"]
    assert [e.src for e in found["Guides"]][:2] == ["concepts.md", "guides/create.md"]
    assert sum(len(entries) for entries in found.values()) == len(SITE.nav)


def test_llms_txt_lists_each_page_with_its_description() -> None:
    text = llms.index(SITE)
    assert text.startswith(f"# {SITE.site_name}\n\n> {SITE.site_description}\n")
    _, description = page_facts("guides/create.md")
    assert f"- [Create](guides/create/index.md): {description}\n" in text
    assert not re.search(r"\]\((https?:|/)", text), "links are relative"


def test_llms_full_holds_every_page_linked_from_the_root() -> None:
    text = llms.full(SITE, served=frozenset(finish.FILES))
    assert text.startswith(f"# {SITE.site_name}\n")
    for src in SITE.nav_pages():
        title, _ = page_facts(src)
        assert f"\n# {title}\n" in text, src
    assert "](quick-reference/index.md#dev-server)" in text
