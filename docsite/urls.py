"""Page source path -> URL, as MkDocs maps them with `use_directory_urls`."""

import posixpath


def url_of(src: str) -> str:
    """`a/b.md` -> `a/b/`, `a/index.md` -> `a/`, `index.md` -> `` (site-relative)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def markdown_uri(src: str) -> str:
    """The Markdown copy mkdocs-llmstxt writes: `a/b.md` -> `a/b/index.md`."""
    return url_of(src) + "index.md"


def resolve_link(page: str, target: str) -> str:
    """A relative `.md` link on `page` -> the `src` path it names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
