"""What a reader downloads and what the browser builds from it, per page.

Shared by the budget tests (make test) and `make bench`. A page is loaded in a
fresh browser context (cold cache); every request is mapped back to the file
the site serves for it, and gzip is level 6, as GitHub Pages compresses.

Without a browser: `transfer` adds up a page's own files to the shell that
every page of a Material site loads (measured once, on the home page), and
`elements` counts the elements of a built page as the HTML parser makes them.
"""

import dataclasses
import gzip
import posixpath
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from playwright.sync_api import Browser, Request, Route

from tools import built_html as html
from tools.serve import SiteServer

# Elements this site adds to every page, on top of the theme: the link-preview
# tags (15 <meta>), the Markdown link and "Copy page" button with their icons,
# the page facts, and site.css and site.js (overrides/main.html, mkdocs.yml).
# The element budget is the feature-equal baseline's count plus these.
OWN_ELEMENTS = 40


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def served_file(root: Path, path: str) -> Path:
    """The file GitHub Pages (and tools/serve.py) answers `path` with."""
    file = root / urllib.parse.unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else root / "404.html"


@dataclasses.dataclass
class PageWeight:
    url: str
    requests: list[str]  # local paths, in request order
    external: list[str]  # requests to other hosts (blocked)
    raw: int  # bytes of every local response, uncompressed
    gzip: int  # the same, gzip-compressed
    html_raw: int
    html_gzip: int

    @property
    def request_count(self) -> int:
        return len(self.requests) + len(self.external)


def measure(browser: Browser, server: SiteServer, url: str) -> PageWeight:
    """Load `url` cold, wait until the network is idle, add up what was fetched."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    local: list[str] = []
    external: list[str] = []

    def route(route: Route) -> None:
        if route.request.url.startswith(server.origin + "/"):
            route.continue_()
        else:
            route.abort()

    def record(request: Request) -> None:
        if request.url.startswith(server.origin + "/"):
            local.append(urllib.parse.urlsplit(request.url).path)
        elif not request.url.startswith(("data:", "blob:")):
            external.append(request.url)

    context.route("**/*", route)
    context.on("request", record)
    page = context.new_page()
    page.goto(server.url(url))
    page.wait_for_load_state("networkidle")
    context.close()
    files = [served_file(server.root, server.site_path(path)) for path in local]
    bodies = [file.read_bytes() for file in files]
    html = served_file(server.root, url)
    return PageWeight(
        url=url,
        requests=local,
        external=external,
        raw=sum(map(len, bodies)),
        gzip=sum(map(gzip_size, bodies)),
        html_raw=len(html.read_bytes()),
        html_gzip=gzip_size(html.read_bytes()),
    )


def search_index(root: Path) -> tuple[int, int]:
    data = (root / "search" / "search_index.json").read_bytes()
    return len(data), gzip_size(data)


def shell(server: SiteServer, home: PageWeight) -> list[str]:
    """The site paths of what the home page loaded besides itself: the CSS,
    scripts, search worker and index that every page of the site loads."""
    paths = [server.site_path(path) for path in home.requests]
    return [
        path for path in dict.fromkeys(paths) if path.strip("/") != home.url.strip("/")
    ]


def transfer(root: Path, url: str, shell: list[str]) -> int:
    """Gzip bytes of a cold load of `url`: its HTML, the `shell` and the files
    the page itself names (its images), each file once."""
    page = served_file(root, url)
    own = [
        posixpath.normpath(posixpath.join("/" + url, resource))
        for resource in html.parse(page).resources
        if "://" not in resource and not resource.startswith(("data:", "url("))
    ]
    files = {page} | {served_file(root, path) for path in [*shell, *own]}
    return sum(gzip_size(file.read_bytes()) for file in files)


class _Elements(HTMLParser):
    count = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.count += 1


def elements(page: Path) -> int:
    """Elements in a built page, as the HTML parser makes them (before any
    script adds its own: the same scripts on both sides of a comparison)."""
    parser = _Elements()
    parser.feed(page.read_text())
    return parser.count
