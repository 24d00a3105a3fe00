"""Compare the Zensical build of the site with the MkDocs build, page by page.

`make zensical-parity` builds both (`make build`, `make build-zensical`) and
runs `python -m tools.zensical_parity site site-zensical`: for every page of
the nav, the checks below, and a report that lists every difference.

- pages: each nav page is built (`<url>/index.html`), with the same title and
  description, and link previews (og:/twitter: tags);
- anchors: every heading id of the MkDocs page is there, and every public
  anchor (public-anchors.txt) is a heading;
- code: the same code blocks, in the same order, with the same text (what the
  copy button copies);
- placeholders: no `{{ version: }}`, `{{ repo: }}`, `{{ test: }}` or
  `{{ step-cost: }}` left in a page;
- page facts: the footer's tested SDK version and last-changed date, the
  "View as Markdown" link and the "Report a problem" link;
- links: the same links in the page content;
- artefacts: llms.txt, llms-full.txt, each Markdown copy and the skill zip,
  byte for byte;
- redirects: each old address sends the reader to the same place;
- search: an index that lists every page.

KNOWN lists the differences Zensical has today, each with the reason and what
will replace the part (docs/contributing.md#generator says the same). The run
fails on a difference that is not known, and on a known one that is gone (the
entry is then stale: delete it), so the report can only get shorter.
"""

import argparse
import dataclasses
import html
import json
import re
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from docsite import config, finish
from docsite.urls import markdown_uri, public_anchors, url_of

PLACEHOLDER = re.compile(r"\{\{\s*(version|repo|test|step-cost):[^}]*\}\}")
PART_TAGS = {"table", "details", "figure", "img", "svg", "ol", "ul", "blockquote"}
PART_CLASSES = {"admonition", "tabbed-set", "grid", "highlight", "doc"}
SITEMAP = re.compile(r"<loc>([^<]*)</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?")
BASE = "https://site.invalid/"  # resolves relative links; never requested
SEARCH_INDEXES = ("search/search_index.json", "search.json")

# Check -> why Zensical differs today and what replaces the part. A check
# listed here is reported, not failed. Today: none.
KNOWN: dict[str, str] = {}
# Every MkDocs hook in mkdocs.yml, and what the Zensical build does instead
# (Zensical runs no MkDocs hooks). The report lists them; a test fails for a
# hook that is not here.
MKDOCS_ONLY: dict[str, str] = {
    "hooks/build_cache.py": "Jinja's template cache: build time only, no output",
    "hooks/lean_code.py": (
        "fewer elements in code blocks (a Pygments filter): not run, the code "
        "text is the same; the filter becomes a pymdownx.highlight setting"
    ),
    "hooks/page_facts.py": "docsite.page_facts, a Markdown extension, does it",
    "hooks/site.py": "make build-zensical runs docsite.finish after the build",
}


@dataclasses.dataclass
class Built:
    """What the checks read from one built page."""

    title: str = ""
    meta: dict[str, str] = dataclasses.field(default_factory=dict)
    headings: list[str] = dataclasses.field(default_factory=list)
    code: list[str] = dataclasses.field(default_factory=list)
    facts: dict[str, str] = dataclasses.field(default_factory=dict)
    links: list[str] = dataclasses.field(default_factory=list)
    actions: dict[str, str] = dataclasses.field(default_factory=dict)
    text: str = ""
    # What the article is made of: tag or class -> how many.
    parts: dict[str, int] = dataclasses.field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Built()
        self._open: list[tuple[str, str | None]] = []  # (tag, what it collects)
        self._buffer: dict[str, list[str]] = {}
        self._article = 0
        self._code = 0  # inside <pre> or <code>: text there is code, not prose

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: html.unescape(v or "") for k, v in attrs}
        collect: str | None = None
        if tag == "title":
            collect = "title"
        elif tag == "meta" and values.get("content") is not None:
            key = values.get("name") or values.get("property")
            if key:
                self.page.meta[key] = values["content"]
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and values.get("id"):
            self.page.headings.append(f"{tag}#{values['id']}")
        elif tag == "pre":
            collect = "pre"
        elif "data-fact" in values:
            collect = f"fact:{values['data-fact']}"
        elif tag == "article":
            self._article += 1
        if tag in ("pre", "code"):
            self._code += 1
        if self._article:
            classes = set(values.get("class", "").split())
            for part in ({tag} & PART_TAGS) | (classes & PART_CLASSES):
                self.page.parts[part] = self.page.parts.get(part, 0) + 1
        if tag == "a" and "href" in values:
            label = values.get("aria-label") or values.get("title") or ""
            if label in ("View as Markdown",):
                self.page.actions[label] = values["href"]
            elif "/issues/new?" in values["href"]:
                self.page.actions["Report a problem"] = values["href"]
            elif self._article and "headerlink" not in values.get("class", ""):
                self.page.links.append(values["href"])
        if collect:
            self._buffer[collect] = []
        self._open.append((tag, collect))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, collect = self._open.pop()
            if collect is not None:
                text = "".join(self._buffer.pop(collect, []))
                self._store(collect, text)
            if opened == "article":
                self._article -= 1
            if opened in ("pre", "code"):
                self._code -= 1
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        for buffer in self._buffer.values():
            buffer.append(data)
        if not self._code:
            self.page.text += data

    def _store(self, collect: str, text: str) -> None:
        if collect == "title":
            self.page.title = " ".join(text.split())
        elif collect == "pre":
            self.page.code.append(text.strip("\n"))
        else:
            self.page.facts[collect.removeprefix("fact:")] = " ".join(text.split())


def read(path: Path, url: str) -> Built:
    """The page at `url` (site-relative), its links resolved against it, so
    `./#x` and `#x`, or `./index.md` and `index.md`, are the same link."""
    reader = _Reader()
    reader.feed(path.read_text())
    reader.close()
    page = reader.page
    page.links = [_resolved(url, href) for href in page.links]
    page.actions = {k: _resolved(url, v) for k, v in page.actions.items()}
    return page


def _resolved(url: str, href: str) -> str:
    return urllib.parse.urljoin(f"{BASE}{url}", href).removeprefix(BASE)


@dataclasses.dataclass(frozen=True)
class Difference:
    check: str
    where: str
    what: str


def compare_pages(
    ours: Path, theirs: Path, site: config.SiteConfig
) -> list[Difference]:
    """Every nav page of the MkDocs build (`ours`) against Zensical's."""
    found: list[Difference] = []
    anchors: dict[str, set[str]] = {}
    for anchor in public_anchors():
        page, _, fragment = anchor.partition("#")
        anchors.setdefault(page, set()).add(fragment)
    for src in site.nav_pages():
        url = url_of(src)
        where = url or "(home)"
        other = theirs / url / "index.html"
        if not other.is_file():
            found.append(Difference("pages", where, "not built"))
            continue
        a, b = read(ours / url / "index.html", url), read(other, url)
        for check, what in compare_page(a, b, anchors.get(url, set())):
            found.append(Difference(check, where, what))
    return found


def _changed(a: dict[str, str], b: dict[str, str], keys: list[str]) -> list[str]:
    return [
        f"{k}: {b.get(k)!r}, not {a.get(k)!r}" for k in keys if a.get(k) != b.get(k)
    ]


def compare_page(a: Built, b: Built, anchors: set[str]) -> list[tuple[str, str]]:
    """(check, what differs) for one page: MkDocs' `a`, Zensical's `b`."""
    found: list[tuple[str, str]] = []
    previews = sorted(
        k
        for k in set(a.meta) | set(b.meta)
        if k.startswith(("og:", "twitter:")) or k == "description"
    )
    found += [("pages", f"<meta> {c}") for c in _changed(a.meta, b.meta, previews)]
    if a.title != b.title:
        found.append(("pages", f"title {b.title!r}, not {a.title!r}"))
    missing = [h for h in a.headings if h not in b.headings]
    if missing:
        found.append(("anchors", f"headings missing: {', '.join(missing)}"))
    ids = {h.partition("#")[2] for h in b.headings}
    found += [("anchors", f"#{f} is not a heading") for f in sorted(anchors - ids)]
    if a.parts != b.parts:
        parts = sorted(set(a.parts) | set(b.parts))
        counts = {k: str(v) for k, v in a.parts.items()}
        theirs = {k: str(v) for k, v in b.parts.items()}
        found.append(("content", "; ".join(_changed(counts, theirs, parts))))
    if a.code != b.code:
        found.append(("code", _code_difference(a.code, b.code)))
    found += [("placeholders", f"raw {m[0]!r}") for m in PLACEHOLDER.finditer(b.text)]
    facts = sorted(set(a.facts) | set(b.facts))
    found += [("page facts", c) for c in _changed(a.facts, b.facts, facts)]
    actions = sorted(set(a.actions) | set(b.actions))
    found += [("page facts", c) for c in _changed(a.actions, b.actions, actions)]
    if a.links != b.links:
        gone = [link for link in a.links if link not in b.links]
        new = [link for link in b.links if link not in a.links]
        found.append(("links", f"missing {gone[:5]}, new {new[:5]}"))
    return found


def _code_difference(ours: list[str], theirs: list[str]) -> str:
    if len(ours) != len(theirs):
        return f"{len(theirs)} code blocks, not {len(ours)}"
    for number, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        if a != b:
            return f"code block {number} differs: {b[:60]!r}... not {a[:60]!r}..."
    return "code blocks differ"  # pragma: no cover (lists differ, items equal)


def compare_artefacts(
    ours: Path, theirs: Path, site: config.SiteConfig
) -> list[Difference]:
    found = []
    paths = [*finish.FILES, *(markdown_uri(src) for src in site.nav_pages())]
    for path in paths:
        a, b = ours / path, theirs / path
        if not b.is_file():
            found.append(Difference("artefacts", path, "not written"))
        elif a.read_bytes() != b.read_bytes():
            found.append(
                Difference("artefacts", path, "differs from the MkDocs build's")
            )
    return found


def compare_redirects(
    ours: Path, theirs: Path, site: config.SiteConfig
) -> list[Difference]:
    found = []
    refresh = re.compile(r'http-equiv="refresh" content="([^"]*)"')
    for old in site.redirects:
        path = url_of(old) + "index.html"
        if not (theirs / path).is_file():
            found.append(Difference("redirects", url_of(old), "no redirect page"))
            continue
        a = refresh.search((ours / path).read_text())
        b = refresh.search((theirs / path).read_text())
        if (a and a[1]) != (b and b[1]):
            found.append(
                Difference(
                    "redirects",
                    url_of(old),
                    f"sends to {b and b[1]!r}, not {a and a[1]!r}",
                )
            )
    return found


def search_locations(site_dir: Path) -> tuple[str, set[str]] | None:
    """The search index a build wrote and the pages it lists (no #sections)."""
    for name in SEARCH_INDEXES:
        index = site_dir / name
        if index.is_file():
            data = json.loads(index.read_text())
            docs = data.get("docs") or data.get("items") or []
            return name, {doc["location"].partition("#")[0] for doc in docs}
    return None


def compare_search(
    ours: Path, theirs: Path, site: config.SiteConfig
) -> list[Difference]:
    found = search_locations(theirs)
    if found is None:
        return [Difference("search", "(site)", "no search index")]
    name, locations = found
    missing = [
        url_of(src) or "(home)"
        for src in site.nav_pages()
        if url_of(src) not in locations
    ]
    if missing:
        return [Difference("search", name, f"pages not indexed: {', '.join(missing)}")]
    return []


def compare_site_files(ours: Path, theirs: Path) -> list[Difference]:
    """sitemap.xml (the pages and their last-changed dates) and the 404 page."""
    found = []
    if not (theirs / "404.html").is_file():
        found.append(Difference("site files", "404.html", "not built"))
    a = sorted(SITEMAP.findall((ours / "sitemap.xml").read_text()))
    b_file = theirs / "sitemap.xml"
    b = sorted(SITEMAP.findall(b_file.read_text())) if b_file.is_file() else []
    if a != b:
        gone = [f"{loc} {date}" for loc, date in a if (loc, date) not in b]
        new = [f"{loc} {date}" for loc, date in b if (loc, date) not in a]
        found.append(
            Difference("site files", "sitemap.xml", f"lacks {gone[:3]}, has {new[:3]}")
        )
    return found


def compare(
    ours: Path, theirs: Path, site: config.SiteConfig | None = None
) -> list[Difference]:
    site = site or config.load()
    return [
        *compare_pages(ours, theirs, site),
        *compare_site_files(ours, theirs),
        *compare_artefacts(ours, theirs, site),
        *compare_redirects(ours, theirs, site),
        *compare_search(ours, theirs, site),
    ]


def report(differences: list[Difference]) -> str:
    lines = ["## Zensical parity", ""]
    if not differences:
        lines += ["No differences: every check passes.", ""]
    else:
        lines += [f"{len(differences)} differences.", ""]
    for check in dict.fromkeys(d.check for d in differences):
        known = KNOWN.get(check)
        lines += [f"### {check}" + (" (known)" if known else ""), ""]
        if known:
            lines += [known, ""]
        lines += [f"- {d.where}: {d.what}" for d in differences if d.check == check]
        lines.append("")
    lines += ["### MkDocs hooks Zensical does not run", ""]
    lines += [f"- `{hook}`: {instead}" for hook, instead in MKDOCS_ONLY.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.zensical_parity")
    parser.add_argument("mkdocs_site", type=Path)
    parser.add_argument("zensical_site", type=Path)
    parser.add_argument("--report", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    differences = compare(args.mkdocs_site, args.zensical_site)
    text = report(differences)
    print(text)
    if args.report:
        args.report.write_text(text)
    checks = {d.check for d in differences}
    unknown, stale = checks - set(KNOWN), set(KNOWN) - checks
    for check in sorted(stale):
        print(f"KNOWN[{check!r}] no longer differs: delete the entry", file=sys.stderr)
    return 1 if unknown or stale else 0


if __name__ == "__main__":
    sys.exit(main())
