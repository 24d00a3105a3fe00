"""docsite.urls: the URL MkDocs gives a page, and links between pages."""

from pathlib import Path

import pytest

from docsite import urls


@pytest.mark.parametrize(
    ("src", "url"),
    [("index.md", ""), ("a.md", "a/"), ("a/index.md", "a/"), ("a/b.md", "a/b/")],
)
def test_url_of(src: str, url: str) -> None:
    assert urls.url_of(src) == url


def test_markdown_uri_is_where_the_copy_is_served() -> None:
    assert urls.markdown_uri("guides/create.md") == "guides/create/index.md"
    assert urls.markdown_uri("index.md") == "index.md"


def test_resolve_link() -> None:
    assert urls.resolve_link("guides/create.md", "../concepts.md") == "concepts.md"
    assert urls.resolve_link("guides/create.md", "debug.md") == "guides/debug.md"


def test_public_anchors_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "anchors.txt"
    path.write_text("# wiki links\n\nquick-reference/#step-run\n  decisions/#x  \n")
    assert urls.public_anchors(path) == ["quick-reference/#step-run", "decisions/#x"]
    assert "quick-reference/#step-run" in urls.public_anchors()
