"""What a reader downloads: requests and bytes (raw and gzip) per page.

Shared by the budget tests (make test) and `make bench`. A page is loaded in a
fresh browser context (cold cache); every request is mapped back to the file
the site serves for it, and gzip is level 6, as GitHub Pages compresses.
"""

import dataclasses
import gzip
import urllib.parse
from pathlib import Path

from playwright.sync_api import Browser, Request, Route

from tools.serve import SiteServer


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
