"""docsite.markdown: fenced blocks, copy-button text and pages as plain Markdown."""

from pathlib import Path

import pytest

from docsite import markdown, paths

PAGE = """\
---
description: x
---
# Title {#top}

!!! note "Careful"
    Inside.

```python
--8<-- "code.py:one"
```

```bash
echo {{ version:inngest }}  # (1)!
```

See [the other page](other.md#part), [here](page.md#top) and [outside](../concepts.md).
"""
CODE = "# --8<-- [start:one]\n    print('hi')  # (1)!\n# --8<-- [end:one]\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "page.md").write_text(PAGE)
    (tmp_path / "code.py").write_text(CODE)
    return tmp_path


def test_fences_and_python_code_in_them(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text('```python\n--8<-- "a.py"\n```\n\n``` py\nx = 1\n```\n')
    found = list(markdown.fences(page.read_text().splitlines()))
    assert [(start, body) for start, _, body in found] == [
        (0, ['--8<-- "a.py"']),
        (4, ["x = 1"]),
    ]
    assert list(markdown.python_fences_with_code(page)) == [5]


def test_copy_texts_expand_embeds_and_drop_markers(site: Path) -> None:
    texts = markdown.copy_texts(site / "docs" / "sub" / "page.md", [site])
    assert texts[0] == "print('hi')"
    assert texts[1].startswith("echo 0.")
    assert "(1)" not in texts[1]


def test_copy_texts_name_a_missing_file(site: Path) -> None:
    with pytest.raises(markdown.PageError, match=r"no file for code\.py"):
        markdown.copy_texts(site / "docs" / "sub" / "page.md", [site / "docs"])


def test_every_page_has_copy_texts() -> None:
    for page in paths.page_files():
        assert isinstance(markdown.copy_texts(page), list)


LINKS = markdown.Links(
    here="PAGE.md",
    pages={"sub/other.md": "refs/OTHER.md", "sub/page.md": "PAGE.md"},
    repo_url="https://repo.test",
)


def render(site: Path, text: str | None = None, **options: object) -> str:
    arguments: dict[str, object] = {
        "page": "sub/page.md",
        "bases": [site],
        "links": LINKS,
        **options,
    }
    source = markdown.page_source("sub/page.md", site / "docs")
    return markdown.plain_markdown(text or source, **arguments)  # type: ignore[arg-type]


def test_plain_markdown(site: Path) -> None:
    text = render(site)
    assert text.startswith('# Title\n\n<a id="top"></a>\n')
    assert "> **Careful**\n> Inside." in text
    assert "```python\nprint('hi')  # (1)!\n```" in text
    assert "[the other page](refs/OTHER.md#part)" in text
    assert "[here](#top)" in text
    assert "[outside](https://repo.test/blob/main/docs/concepts.md)" in text
    assert "description:" not in text


def test_a_links_classes_are_dropped(site: Path) -> None:
    text = render(site, "[Get it](other.md){ .md-button .md-button--primary } now")
    assert "{" not in text
    assert text.rstrip().endswith(") now")


def test_tabs_and_api_blocks(site: Path) -> None:
    """A `::: module` block links the module's download: beside the copy on the
    site, or the export's own copy of the file (the skill's assets/)."""
    tabs = '=== "One"\n\n    body\n\n::: inngest_kit\n'
    served = markdown.Links(
        **{**vars(LINKS), "served": frozenset(["downloads/inngest_kit.py"])}
    )
    text = render(site, tabs, bases=None, links=served)
    assert text.startswith("**One**\n\nbody\n")
    assert '<a id="inngest_kit"></a>' in text
    assert "[`inngest_kit.py`](downloads/inngest_kit.py)" in text
    shipped = markdown.Links(
        **{
            **vars(LINKS),
            "pages": {"downloads/inngest_kit.py": "assets/inngest_kit.py"},
        }
    )
    text = render(site, tabs, bases=None, links=shipped)
    assert "[`inngest_kit.py`](assets/inngest_kit.py)" in text
    at_site = markdown.Links(
        **{
            **vars(LINKS),
            "served": frozenset(["downloads/inngest_kit.py"]),
            "site_url": "https://owner.github.io/name/",
        }
    )
    text = render(site, tabs, bases=None, links=at_site)
    assert "(https://owner.github.io/name/downloads/inngest_kit.py)" in text


def test_a_link_to_an_api_entry_goes_to_its_module(site: Path) -> None:
    """Plain Markdown has the module's anchor only (`<a id="inngest_kit">`)."""
    links = (
        "[a](#inngest_kit.Executor) [b](#inngest_kit.Executor.run) "
        "[c](#inngest_kit.sync) [d](#pkg.mod.Class.field) [e](#pkg.mod.func) "
        "[f](#kept)"
    )
    text = render(site, links, bases=None)
    assert text.strip() == (
        "[a](#inngest_kit) [b](#inngest_kit) [c](#inngest_kit) [d](#pkg.mod) "
        "[e](#pkg.mod) [f](#kept)"
    )


def test_plain_markdown_names_what_is_missing(site: Path) -> None:
    with pytest.raises(markdown.PageError, match=r"page 'sub/page\.md' is not in"):
        markdown.page_source("sub/page.md", site / "nowhere")
    with pytest.raises(markdown.PageError, match=r"snippet file 'code\.py' not found"):
        render(site, bases=[site / "docs"])
    with pytest.raises(markdown.PageError, match=r"links to '\.\./far\.md', which"):
        render(site, "[x](../far.md)")
    (site / "code.py").write_text("x = 1\n")
    with pytest.raises(markdown.PageError, match="section 'one' not found in code"):
        render(site)
    with pytest.raises(markdown.PageError, match="unknown placeholder"):
        render(site, "{{ nope }}\n")


def test_links_to_other_files_of_docs(site: Path) -> None:
    """A published file: beside the copy on the site, in the repository from
    the skill; a file the site makes (a download) only beside the copy."""
    text = "[chart](../assets/step-cost.svg) [zip](../downloads/x.zip)"
    beside = markdown.Links(
        "sub/page/index.md", {}, "r", served=frozenset(["downloads/x.zip"])
    )
    assert render(site, text, links=beside) == (
        "[chart](../../assets/step-cost.svg) [zip](../../downloads/x.zip)\n"
    )
    in_repo = markdown.Links(
        "SKILL.md", {}, "https://r.test", files_url="https://r.test/docs"
    )
    with pytest.raises(markdown.PageError, match=r"links to '\.\./downloads/x\.zip'"):
        render(site, text, links=in_repo)
    assert render(site, text.split()[0], links=in_repo) == (
        "[chart](https://r.test/docs/assets/step-cost.svg)\n"
    )


def test_links_in_code_stay_as_written(site: Path) -> None:
    text = "`[a](nope.md)` and\n\n```md\n[b](nope.md)\n```\n\n[c](other.md)"
    assert render(site, text) == (
        "`[a](nope.md)` and\n\n```md\n[b](nope.md)\n```\n\n[c](refs/OTHER.md)\n"
    )


def test_an_embedded_drawing_is_an_image_link(site: Path) -> None:
    (site / "docs" / "chart.svg").write_text("<svg><title> A chart </title></svg>")
    (site / "docs" / "bare.svg").write_text("<svg></svg>")
    text = '<figure>\n--8<-- "docs/chart.svg"\n--8<-- "docs/bare.svg"\n</figure>'
    bases = [site]
    with pytest.raises(markdown.PageError, match="not a file in docs/"):
        render(site, text, bases=bases)  # the drawings are not in the real docs/
    assert markdown.svg_image("docs/chart.svg", "sub/page.md", bases) == (
        "![A chart](../chart.svg)"
    )
    assert markdown.svg_image("docs/bare.svg", "page.md", bases) == "![bare](bare.svg)"
    with pytest.raises(markdown.PageError, match="not found"):
        markdown.svg_image("docs/none.svg", "page.md", bases)


def test_the_changelog_is_expanded() -> None:
    text = markdown.plain_markdown(
        "# Changelog\n\n<!-- changelog -->\n", page="changelog.md", links=LINKS
    )
    assert "<!--" not in text
    assert '<a id="20' in text


def test_admonitions_become_blockquotes() -> None:
    text = '!!! warning "Careful"\n    first\n\n    second\n\nafter'
    assert (
        markdown.admonitions_as_quotes(text)
        == "> **Careful**\n> first\n>\n> second\n\nafter"
    )
    assert markdown.admonitions_as_quotes("??? tip\n    x") == "> **Tip**\n> x"


def test_an_admonition_written_in_a_code_block_stays_code() -> None:
    text = '``` markdown\n!!! info "Title"\n    body\n```\n\n!!! tip\n    x'
    assert markdown.admonitions_as_quotes(text) == (
        '``` markdown\n!!! info "Title"\n    body\n```\n\n> **Tip**\n> x'
    )
