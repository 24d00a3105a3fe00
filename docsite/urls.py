"""Page source path -> URL, as MkDocs maps them with `use_directory_urls`."""

import posixpath
from pathlib import Path

from docsite.paths import PUBLIC_ANCHORS

# `make serve`'s address; mkdocs.yml's site_url unless SITE_URL says otherwise.
LOCAL_SITE_URL = "http://127.0.0.1:8000/"


def url_of(src: str) -> str:
    """`a/b.md` -> `a/b/`, `a/index.md` -> `a/`, `index.md` -> `` (site-relative)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def markdown_uri(src: str) -> str:
    """Where a page's Markdown copy is served: `a/b.md` -> `a/b/index.md`."""
    return url_of(src) + "index.md"


def resolve_link(page: str, target: str) -> str:
    """A relative `.md` link on `page` -> the `src` path it names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def public_anchors(path: Path = PUBLIC_ANCHORS) -> list[str]:
    """`page/#fragment` lines of public-anchors.txt: links wikis rely on."""
    lines = path.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
