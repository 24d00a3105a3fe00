"""Parse built HTML pages: ids, links and the resources a browser would load."""

import dataclasses
from html.parser import HTMLParser
from pathlib import Path

RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
LOADING_RELS = {
    "stylesheet",
    "preconnect",
    "preload",
    "prefetch",
    "dns-prefetch",
    "icon",
    "modulepreload",
    "manifest",
}


@dataclasses.dataclass
class Page:
    path: Path
    ids: set[str] = dataclasses.field(default_factory=set)
    links: list[str] = dataclasses.field(default_factory=list)
    resources: list[str] = dataclasses.field(default_factory=list)
    headings: dict[str, str] = dataclasses.field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self.page.headings[values["id"]] = tag
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").split())
            if rels & LOADING_RELS:
                self.page.resources.append(values["href"])
        for element, attr in RESOURCE_ATTRS:
            if tag == element and values.get(attr):
                self.page.resources.append(values[attr])
        style = values.get("style", "")
        if "url(" in style:
            self.page.resources.append(style)


def parse(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text())
    return page


def is_redirect(path: Path) -> bool:
    """A page written by hooks/redirects.py (it only sends the reader on)."""
    return 'http-equiv="refresh"' in path.read_text()[:2000]


def url_path(site: Path, file: Path) -> str:
    """`site/a/index.html` -> `a/`, the home page -> `` (as public-anchors.txt)."""
    rel = file.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def reader_pages(site: Path) -> list[str]:
    """URL paths of every page a reader sees (no redirects, no 404 page)."""
    return sorted(
        url_path(site, file)
        for file in site.rglob("index.html")
        if not is_redirect(file)
    )


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(path: Path) -> list[list[list[str]]]:
    """Every <table> on a built page: rows of cell texts, whitespace collapsed."""
    parser = _Tables()
    parser.feed(path.read_text())
    return parser.tables
