"""tools/zensical_parity.py: two builds of the site compared, every difference named."""

import json
import shutil
from pathlib import Path

import pytest

from docsite import config, finish
from docsite.config import NavEntry, SiteConfig
from tools import zensical_parity as parity

SITE = SiteConfig(
    path=Path("mkdocs.yml"),
    site_name="Site",
    site_description="About.",
    repo_url="https://github.com/o/n",
    nav=(NavEntry("", "Page", "page.md"),),
    snippet_bases=(),
    redirects={"old.md": "page.md#part"},
)
PAGE = """<!doctype html><html><head><title>Page - Site</title>
<meta name="description" content="About &amp; more">
<meta property="og:title" content="Page"></head><body>
<article><h1 id="page">Page</h1><h2 id="part">Part</h2>
<a href="index.md" aria-label="View as Markdown">md</a>
<p>See <a href="../other/#x">other</a> and <a class="headerlink" href="#part">¶</a>.</p>
<div class="admonition"><p>Note</p></div>
<pre><code>print("{{ version:x }}")</code></pre>
<table><tr><td>1</td></tr></table>
</article>
<span data-fact="tested-with">Tested with <strong>x 1.0</strong></span>
<a href="https://github.com/o/n/issues/new?title=t">Report</a>
</body></html>
"""
REDIRECT = '<meta http-equiv="refresh" content="0; url=../page/#part">'
SITEMAP = (
    "<urlset><url><loc>http://x/page/</loc><lastmod>2026-01-01</lastmod></url></urlset>"
)


def build(folder: Path) -> Path:
    (folder / "page").mkdir(parents=True)
    (folder / "page" / "index.html").write_text(PAGE)
    (folder / "old").mkdir()
    (folder / "old" / "index.html").write_text(REDIRECT)
    for path in [*finish.FILES, "page/index.md"]:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(f"content of {path}")
    (folder / "search").mkdir()
    index = {"docs": [{"location": "page/#part"}]}
    (folder / "search" / "search_index.json").write_text(json.dumps(index))
    (folder / "sitemap.xml").write_text(SITEMAP)
    (folder / "404.html").write_text("gone")
    return folder


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    ours = build(tmp_path / "mkdocs")
    theirs = tmp_path / "zensical"
    shutil.copytree(ours, theirs)
    return ours, theirs


def checks(ours: Path, theirs: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for difference in parity.compare(ours, theirs, SITE):
        found.setdefault(difference.check, []).append(difference.what)
    return found


def test_the_same_build_twice_has_no_difference(sites: tuple[Path, Path]) -> None:
    assert parity.compare(*sites, SITE) == []


def test_equal_links_written_differently_are_equal(sites: tuple[Path, Path]) -> None:
    ours, theirs = sites
    page = theirs / "page" / "index.html"
    page.write_text(
        page.read_text()
        .replace('href="index.md"', 'href="./index.md"')
        .replace('href="../other/#x"', 'href="/other/#x"')
    )
    assert parity.compare(ours, theirs, SITE) == []


def test_each_difference_of_a_page_is_named(sites: tuple[Path, Path]) -> None:
    ours, theirs = sites
    page = theirs / "page" / "index.html"
    page.write_text(
        PAGE.replace("<title>Page - Site", "<title>Home - Site")
        .replace("About &amp; more", "About")
        .replace('<h2 id="part">', "<h2>")
        .replace('print("', 'print(1, "')
        .replace("<p>Note</p>", "<p>{{ version:inngest }}</p>")
        .replace('class="admonition"', 'class="note"')
        .replace("x 1.0", "x")
        .replace('href="index.md"', 'href="copy.md"')
        .replace("../other/#x", "../another/")
        .replace("/issues/new?title=t", "/issues/new?title=u")
    )
    found = checks(ours, theirs)
    assert found["pages"] == [
        "<meta> description: 'About', not 'About & more'",
        "title 'Home - Site', not 'Page - Site'",
    ]
    assert found["anchors"] == ["headings missing: h2#part"]
    assert found["content"] == ["admonition: None, not '1'"]
    assert found["code"][0].startswith("code block 1 differs: 'print(1, ")
    assert found["placeholders"] == ["raw '{{ version:inngest }}'"]
    assert (
        found["page facts"][0]
        == "tested-with: 'Tested with x', not 'Tested with x 1.0'"
    )
    assert found["page facts"][1].startswith("Report a problem: ")
    assert found["page facts"][2] == (
        "View as Markdown: 'page/copy.md', not 'page/index.md'"
    )
    assert found["links"] == ["missing ['other/#x'], new ['another/']"]


def test_a_public_anchor_must_stay_a_heading() -> None:
    a = parity.Built(headings=["h2#x"])
    b = parity.Built(headings=["h2#x"])
    assert parity.compare_page(a, b, {"x", "gone"}) == [
        ("anchors", "#gone is not a heading")
    ]


def test_code_blocks_count(sites: tuple[Path, Path]) -> None:
    assert parity._code_difference(["a"], ["a", "b"]) == "2 code blocks, not 1"


def test_missing_and_changed_site_files_are_named(sites: tuple[Path, Path]) -> None:
    ours, theirs = sites
    (theirs / "page" / "index.md").unlink()
    (theirs / "llms.txt").write_text("other")
    (theirs / "old" / "index.html").write_text(REDIRECT.replace("#part", ""))
    (theirs / "sitemap.xml").write_text(SITEMAP.replace("2026-01-01", "2026-01-02"))
    (theirs / "404.html").unlink()
    found = checks(ours, theirs)
    assert found["artefacts"] == [
        "differs from the MkDocs build's",  # llms.txt
        "not written",  # page/index.md
    ]
    assert found["redirects"] == [
        "sends to '0; url=../page/', not '0; url=../page/#part'"
    ]
    assert found["site files"][0] == "not built"
    assert "lacks ['http://x/page/ 2026-01-01']" in found["site files"][1]


def test_a_page_not_built_a_redirect_or_search_missing(
    sites: tuple[Path, Path],
) -> None:
    ours, theirs = sites
    shutil.rmtree(theirs / "page")
    shutil.rmtree(theirs / "old")
    shutil.rmtree(theirs / "search")
    (theirs / "sitemap.xml").unlink()
    found = checks(ours, theirs)
    assert found["pages"] == ["not built"]
    assert found["redirects"] == ["no redirect page"]
    assert found["search"] == ["no search index"]
    (theirs / "search.json").write_text(json.dumps({"items": [{"location": "x/"}]}))
    assert checks(ours, theirs)["search"] == ["pages not indexed: page/"]


def test_main_fails_on_an_unknown_difference_or_a_stale_known_one(
    sites: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ours, theirs = sites
    monkeypatch.setattr(config, "load", lambda: SITE)
    out = tmp_path / "report.md"
    args = [str(ours), str(theirs), "--report", str(out)]
    assert parity.main(args) == 0
    assert "No differences" in out.read_text()
    assert "`hooks/lean_code.py`" in out.read_text()
    (theirs / "404.html").unlink()
    assert parity.main(args) == 1
    monkeypatch.setitem(parity.KNOWN, "site files", "Zensical writes no 404 yet.")
    assert parity.main(args) == 0
    assert "### site files (known)\n\nZensical writes no 404 yet." in out.read_text()
    (theirs / "404.html").write_text("back")
    assert parity.main(args[:2]) == 1
    assert "no longer differs: delete the entry" in capsys.readouterr().err


def test_every_mkdocs_hook_says_what_zensical_does_instead() -> None:
    hooks = config.read(config.load().path)["hooks"]
    assert sorted(hooks) == sorted(parity.MKDOCS_ONLY)
