"""On every built page: the Markdown copy link and copy button, link-preview
tags with a card image, and a prefilled "Report a problem" issue link."""

import html
import re
import struct
import urllib.parse
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

from docsite import paths
from docsite.urls import LOCAL_SITE_URL as SITE_URL
from docsite.urls import url_of

CARD = "assets/social-card.png"
TAG = re.compile(r"<(?:a|button|meta)\b[^>]*>")
ATTR = re.compile(r'([\w:-]+)(?:="([^"]*)")?')


def page_url(source: Path) -> str:
    return url_of(paths.page_name(source))


def tags(built: Path) -> list[dict[str, str]]:
    """Attributes of every <a>, <button> and <meta> tag, unescaped."""
    found = []
    for tag in TAG.findall(built.read_text()):
        attrs = {k: html.unescape(v or "") for k, v in ATTR.findall(tag[1:-1])[1:]}
        found.append(attrs)
    return found


def meta(found: list[dict[str, str]], key: str) -> str | None:
    for attrs in found:
        if key in (attrs.get("name"), attrs.get("property")):
            return attrs.get("content")
    return None


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


PAGES = pytest.mark.parametrize("source", paths.page_files(), ids=paths.page_name)


@PAGES
def test_every_page_links_its_markdown_copy(source: Path, built_site: Path) -> None:
    url = page_url(source)
    found = tags(built_site / url / "index.html")
    links = [a for a in found if a.get("aria-label") == "View as Markdown"]
    assert len(links) == 1, f"{url or 'home'}: one 'View as Markdown' link"
    copy = built_site / url / links[0]["href"]
    assert copy.is_file(), f"{url}: the link points to {links[0]['href']}, not written"
    title = re.search(r"^# (.+?)(?:\s*\{.*\})?$", source.read_text(), re.M)
    assert title is not None
    assert copy.read_text().startswith(f"# {title[1]}\n"), f"{copy} is not this page"
    buttons = [b for b in found if "data-copy-page" in b]
    assert [b["data-copy-page"] for b in buttons] == [links[0]["href"]]


@PAGES
def test_every_page_has_a_link_preview_card(source: Path, built_site: Path) -> None:
    found = tags(built_site / page_url(source) / "index.html")
    image = SITE_URL + CARD
    assert meta(found, "og:image") == image
    assert meta(found, "twitter:image") == image
    assert meta(found, "twitter:card") == "summary_large_image"
    assert (meta(found, "og:image:width"), meta(found, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(found, "og:image:alt")
    assert meta(found, "twitter:title") == meta(found, "og:title")


def test_the_card_image_is_a_1200_by_630_png_in_the_site(built_site: Path) -> None:
    data = (built_site / CARD).read_bytes()
    assert png_size(data) == (1200, 630)
    assert len(data) < 150_000, "chat apps skip large preview images"
    assert data == (paths.DOCS / CARD).read_bytes()


@PAGES
def test_every_page_reports_a_problem_with_its_url_and_sdk_version(
    source: Path, built_site: Path, mkdocs_config: MkDocsConfig
) -> None:
    url = page_url(source)
    found = tags(built_site / url / "index.html")
    repo_url = mkdocs_config.repo_url or ""
    assert repo_url
    links = [a for a in found if a.get("href", "").startswith(repo_url)]
    reports = [a for a in links if "/issues/new?" in a["href"]]
    assert len(reports) == 1, f"{url or 'home'}: one 'Report a problem' link"
    address = urllib.parse.urlsplit(reports[0]["href"])
    assert f"{address.scheme}://{address.netloc}{address.path}" == (
        f"{repo_url}/issues/new"
    )
    query = urllib.parse.parse_qs(address.query)
    assert sorted(query) == ["body", "title"], "no tracking parameters"
    body = query["body"][0]
    assert f"Page: {SITE_URL}{url}\n" in body
    assert f"Tested with: inngest {metadata.version('inngest')}\n" in body
    assert query["title"][0].startswith("Docs: ")
    assert 'data-fact="report"' in (built_site / url / "index.html").read_text()
