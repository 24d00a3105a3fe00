"""Links that last: sitemap, link previews, llms.txt, redirects, dated pages."""

import html
import re
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from docsite import config, paths
from docsite.urls import LOCAL_SITE_URL as SITE_URL
from docsite.urls import url_of
from hooks import page_dates, redirects

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DESCRIPTION_MAX = 200  # link previews cut around here
BASES = config.load().snippet_bases


def page_url(source: Path) -> str:
    return url_of(paths.page_name(source))


def front_matter(source: Path) -> dict[str, Any]:
    _, found = get_data(source.read_text())
    return found


def meta(file: Path, key: str) -> str | None:
    """Content of `<meta name|property="key">` in a built page."""
    pattern = rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"'
    found = re.search(pattern, file.read_text())
    return found.group(1) if found else None


@pytest.mark.parametrize("source", paths.page_files(), ids=paths.page_name)
def test_every_page_has_a_description_for_link_previews(
    source: Path, built_site: Path
) -> None:
    name = f"docs/{paths.page_name(source)}"
    description = front_matter(source).get("description")
    missing = f"{name}: add `description: ...` front matter (used for link previews)"
    assert isinstance(description, str), missing
    assert description.strip(), missing
    assert '"' not in description, (
        f"{name}: no double quotes in `description` (Material writes it into "
        '<meta content="..."> unescaped, which cuts it short)'
    )
    assert len(description) <= DESCRIPTION_MAX, (
        f"{name}: description is {len(description)} characters; "
        f"previews cut at about {DESCRIPTION_MAX}"
    )
    built = built_site / page_url(source) / "index.html"
    for key in ("description", "og:description", "twitter:description"):
        assert html.unescape(meta(built, key) or "") == description.strip(), (
            f"{name}: {key}"
        )
    assert meta(built, "og:url") == SITE_URL + page_url(source), f"{name}: og:url"
    assert meta(built, "og:title"), f"{name}: og:title"


def test_site_has_a_description(mkdocs_config: MkDocsConfig) -> None:
    assert (mkdocs_config.site_description or "").strip()


def sitemap(built_site: Path) -> dict[str, str | None]:
    root = ET.parse(built_site / "sitemap.xml").getroot()
    return {
        url.findtext(f"{SITEMAP}loc") or "": url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_page_and_nothing_else(built_site: Path) -> None:
    expected = {SITE_URL + page_url(source) for source in paths.page_files()}
    listed = set(sitemap(built_site))
    assert not expected - listed, f"pages missing from sitemap.xml: {expected - listed}"
    assert not listed - expected, f"sitemap.xml lists non-pages: {listed - expected}"


def git_date(source: Path) -> str:
    found = page_dates.sources(source.read_text(), source, paths.ROOT, BASES)
    return page_dates.last_changed(found, paths.ROOT)


@pytest.mark.parametrize("source", paths.page_files(), ids=paths.page_name)
def test_page_shows_tested_version_and_last_change(
    source: Path, built_site: Path, mkdocs_config: MkDocsConfig
) -> None:
    name = f"docs/{paths.page_name(source)}"
    text = (built_site / page_url(source) / "index.html").read_text()
    version = metadata.version("inngest")
    assert re.search(
        rf"Tested with <strong>inngest {re.escape(version)}</strong>", text
    ), f"{name}: no 'Tested with inngest {version}' at the foot of the page"
    date = git_date(source)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), f"{name}: git gave {date!r}"
    assert f'<time datetime="{date}">{date}</time>' in text, (
        f"{name}: page does not show its last change ({date})"
    )
    assert sitemap(built_site)[SITE_URL + page_url(source)] == date, (
        f"{name}: sitemap <lastmod> is not the page's last change"
    )


def llms_entries(built_site: Path) -> dict[str, str]:
    """llms.txt lines `- [Title](url): description`, by URL."""
    text = (built_site / "llms.txt").read_text()
    found = re.findall(r"^- \[[^\]]+\]\(([^)]+)\)(?:: (.*))?$", text, re.M)
    return dict(found)


def test_llms_txt_lists_every_page_but_home_with_its_description(
    built_site: Path,
) -> None:
    entries = llms_entries(built_site)
    text = (built_site / "llms.txt").read_text()
    assert text.startswith("# "), "llms.txt must start with the site name as '# ...'"
    assert "quick-reference" in "".join(entries), (
        "llms.txt must list the quick reference"
    )
    for source in paths.page_files():
        url = page_url(source)
        if not url:
            continue
        md = f"{SITE_URL}{url}index.md"
        assert md in entries, (
            f"llms.txt does not list docs/{paths.page_name(source)}: add it to a "
            "section of the llmstxt plugin in mkdocs.yml"
        )
        assert entries[md] == front_matter(source)["description"].strip()
        assert (built_site / url / "index.md").is_file(), f"{md} was not written"
    assert not re.search(r"^## .*\n\n(?=## |\Z)", text, re.M), "empty section"


def test_redirect_pages_exist_and_point_to_their_page(
    built_site: Path, mkdocs_config: MkDocsConfig
) -> None:
    table = redirects.redirects(mkdocs_config)
    assert table, "mkdocs.yml extra.redirects is empty"
    for old, new in table.items():
        file = built_site / url_of(old) / "index.html"
        assert file.is_file(), f"redirect {old} -> {new}: no page at {file}"
        target = url_of(new.partition("#")[0])
        text = file.read_text()
        up = "../" * url_of(old).count("/")
        assert f'content="0; url={up}{target}"' in text, f"{old}: wrong refresh target"
        assert f'rel="canonical" href="{SITE_URL}{target}' in text
        assert (
            not (built_site / target)
            .joinpath("index.html")
            .read_text()
            .count('http-equiv="refresh"')
        ), f"{new} is itself a redirect"
