"""Parse built HTML pages: ids, links and the resources a browser would load."""

import dataclasses
import functools
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
    """The page's ids, links, resources and headings.

    Each version of a file (its size and modification time) is parsed once: the
    checks of a built site read the same pages many times over. The `Page` is
    shared between callers, so read it but never change it."""
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parse(path: Path, mtime_ns: int, size: int) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text())
    return page


def is_redirect(path: Path) -> bool:
    """A redirect page (mkdocs.yml plugins.redirects: it only sends the reader on)."""
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


@dataclasses.dataclass
class Cell:
    """One table cell: its text and the hrefs of its links."""

    text: str = ""
    links: list[str] = dataclasses.field(default_factory=list)


class _Tables(HTMLParser):
    """Rows of cells (text and hrefs) for every <table> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[Cell]]] = []
        self._cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = Cell()
            self.tables[-1][-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data


def table_cells(html: str) -> list[list[list[Cell]]]:
    """Every <table> in `html`: rows of cells, with their text and links."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def tables(path: Path) -> list[list[list[str]]]:
    """Every <table> on a built page: rows of cell texts, whitespace collapsed."""
    return [
        [[" ".join(cell.text.split()) for cell in row] for row in table]
        for table in table_cells(path.read_text())
    ]
