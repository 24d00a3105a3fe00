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
from docsite import page_facts as page_dates
from docsite.markdown import outside_code
from docsite.urls import LOCAL_SITE_URL as SITE_URL
from docsite.urls import url_of

LINKS = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>]+)>")
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
    lastmod = sitemap(built_site)[SITE_URL + page_url(source)]
    if date == page_dates.UNKNOWN_UNCOMMITTED:
        # A page not committed yet (a new one, before its first commit): the
        # foot says so and the sitemap gives no date; committing it dates it.
        shown = re.search(rf"Last changed\s+{re.escape(date)}", text)
        assert shown, f"{name}: the foot does not say {date!r}"
        assert lastmod is None, f"{name}: an uncommitted page has a <lastmod>"
        return
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), f"{name}: git gave {date!r}"
    assert f'<time datetime="{date}">{date}</time>' in text, (
        f"{name}: page does not show its last change ({date})"
    )
    assert lastmod == date, f"{name}: sitemap <lastmod> is not the page's last change"


def llms_entries(built_site: Path) -> dict[str, str]:
    """llms.txt lines `- [Title](url): description`, by URL."""
    text = (built_site / "llms.txt").read_text()
    found = re.findall(r"^- \[[^\]]+\]\(([^)]+)\)(?:: (.*))?$", text, re.M)
    return dict(found)


def test_llms_txt_lists_every_page_with_its_description(built_site: Path) -> None:
    entries = llms_entries(built_site)
    text = (built_site / "llms.txt").read_text()
    site = config.load()
    assert text.startswith(f"# {site.site_name}\n\n> {site.site_description}\n")
    for source in paths.page_files():
        md = page_url(source) + "index.md"
        assert md in entries, f"llms.txt does not list docs/{paths.page_name(source)}"
        assert entries[md] == " ".join(front_matter(source)["description"].split())
        assert (built_site / md).is_file(), f"{md} was not written"
    assert not re.search(r"^## .*\n\n(?=## |\Z)", text, re.M), "empty section"


def markdown_links(text: str) -> list[str]:
    """Targets of `[text](target)` and `<https://...>` links outside code."""
    found: list[str] = []

    def collect(prose: str) -> str:
        found.extend(a or b for a, b in LINKS.findall(prose))
        return prose

    outside_code(text, collect)
    return found


def test_the_markdown_copies_and_llms_txt_never_link_the_local_build(
    built_site: Path,
) -> None:
    """Links between pages are relative, so a copy made on a laptop works on
    the deployed site; an absolute link to the address the site was built for
    (http://127.0.0.1:8000/ locally) would not."""
    served = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*")}
    served |= {p.removesuffix("index.html") for p in served}
    texts = [built_site / "llms.txt", built_site / "llms-full.txt"]
    texts += [
        built_site / page_url(source) / "index.md" for source in paths.page_files()
    ]
    offenders = []
    for file in texts:
        for link in markdown_links(file.read_text()):
            path = link.split("#")[0].removeprefix(SITE_URL)
            if link.startswith(SITE_URL) and path in served:
                offenders.append(f"{file.relative_to(built_site)}: {link}")
            elif not re.match(r"[a-z]+:|#", link):  # relative: must resolve
                target = (file.parent / path).resolve()
                if not target.exists():
                    offenders.append(f"{file.relative_to(built_site)}: {link} (gone)")
    assert not offenders, "\n".join(offenders)


def test_redirect_pages_exist_and_point_to_their_page(built_site: Path) -> None:
    table = config.load().redirects
    for old, new in table.items():
        file = built_site / url_of(old) / "index.html"
        assert file.is_file(), f"redirect {old} -> {new}: no page at {file}"
        page, _, fragment = new.partition("#")
        up = "../" * url_of(old).count("/")
        target = up + url_of(page) + (f"#{fragment}" if fragment else "")
        text = file.read_text()
        assert f'content="0; url={target}"' in text, f"{old}: wrong refresh target"
        assert f'rel="canonical" href="{target}"' in text
        assert (
            not (built_site / url_of(page))
            .joinpath("index.html")
            .read_text()
            .count('http-equiv="refresh"')
        ), f"{new} is itself a redirect"
