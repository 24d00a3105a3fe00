"""The built site: links and anchors resolve, nothing loads from another host."""

import re
import urllib.parse
from pathlib import Path

import pytest

from docsite.urls import public_anchors
from tests.site.build import SITE_URL
from tools import built_html as html


def _pages(site: Path) -> dict[Path, html.Page]:
    return {p: html.parse(p) for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[Path, html.Page]:
    return _pages(built_site)


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to (None if external)."""
    parsed = urllib.parse.urlsplit(href)
    if parsed.scheme or parsed.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parsed.path:
        return page, parsed.fragment
    path = urllib.parse.unquote(parsed.path)
    if path.startswith("/"):  # absolute: under the site's path on its host
        base, path = site, path.removeprefix(urllib.parse.urlsplit(SITE_URL).path)
    else:
        base = page.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir() or parsed.path.endswith("/"):
        target = target / "index.html"
    return target, parsed.fragment


def test_internal_links_and_anchors_resolve(
    built_site: Path, pages: dict[Path, html.Page]
) -> None:
    broken = []
    for path, page in pages.items():
        for href in page.links:
            target = _target(built_site, path, href)
            if target is None:
                continue
            file, fragment = target
            where = f"{path.relative_to(built_site)} -> {href}"
            if not file.exists():
                broken.append(f"{where}: no such page")
            elif fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else html.parse(file).ids
                if urllib.parse.unquote(fragment) not in ids:
                    broken.append(f"{where}: no #{fragment} on that page")
    assert not broken, "\n".join(broken)


def test_pages_load_nothing_from_other_hosts(
    built_site: Path, pages: dict[Path, html.Page]
) -> None:
    external = [
        f"{path.relative_to(built_site)}: {url}"
        for path, page in pages.items()
        for url in page.resources
        if re.search(r"(^|url\()\s*['\"]?(https?:)?//", url)
    ]
    assert not external, "\n".join(external)


def test_no_css_or_js_asset_fetches_another_host(built_site: Path) -> None:
    # Material's bundle mentions unpkg.com only for mermaid (not used here) and a
    # polyfill; stylesheets must not @import or url() anything remote.
    remote = []
    for css in built_site.rglob("*.css"):
        for match in re.finditer(
            r"(@import|url\()\s*['\"]?(https?:)?//[^)'\"]+", css.read_text()
        ):
            remote.append(f"{css.relative_to(built_site)}: {match.group(0)}")
    assert not remote, "\n".join(remote)


@pytest.mark.parametrize("anchor", public_anchors())
def test_public_anchor_exists(anchor: str, built_site: Path) -> None:
    page, _, fragment = anchor.partition("#")
    file = built_site / page / "index.html" if page else built_site / "index.html"
    assert file.is_file(), f"public-anchors.txt lists {anchor!r}: page {page!r} is gone"
    parsed = html.parse(file)
    assert fragment in parsed.ids, (
        f"public-anchors.txt lists {anchor!r}: #{fragment} is gone from {page}. "
        "People link here from their wikis: restore the anchor (e.g. {#"
        + fragment
        + "})"
    )
    assert fragment in parsed.headings, f"{anchor!r} must be a heading's id"


def test_public_anchor_list_is_sorted_and_unique() -> None:
    anchors = public_anchors()
    assert len(anchors) == len(set(anchors)), "duplicate lines in public-anchors.txt"
