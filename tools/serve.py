"""Serve a built site on 127.0.0.1 the way GitHub Pages does.

A thread running `http.server` on a free port: `/page/` serves
`page/index.html`, a missing path gets `404.html` with status 404, and with
`gzip=True` text responses are compressed (Lighthouse and the budget measure
what a reader downloads). With `base="/repo/"` the site is served under that
path, as GitHub Pages serves a project site (everything else is a 404).
"""

import dataclasses
import functools
import gzip
import http.server
import io
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any, Self

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".md", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False
    base = "/"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests report failures themselves."""

    def send_head(self) -> Any:
        url_path = urllib.parse.urlsplit(self.path).path
        if url_path + "/" == self.base:
            return self._redirect_to_slash()
        if not url_path.startswith(self.base):
            return self._send_file(Path(self.directory) / "404.html", 404)
        path = Path(self.translate_path("/" + self.path.removeprefix(self.base)))
        if path.is_dir() and not (path / "index.html").is_file():
            path = Path("/nonexistent")
        if not path.exists():
            return self._send_file(Path(self.directory) / "404.html", 404)
        if path.is_dir():
            if not url_path.endswith("/"):
                return self._redirect_to_slash()
            path = path / "index.html"
        return self._send_file(path, 200)

    def _redirect_to_slash(self) -> None:
        """301 to the same URL with a slash, as GitHub Pages answers a folder."""
        parts = urllib.parse.urlsplit(self.path)
        self.send_response(301)
        self.send_header("Location", parts._replace(path=parts.path + "/").geturl())
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, path: Path, status: int) -> Any:
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if self.compress and path.suffix in COMPRESSIBLE:
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet when a client hangs up mid-answer (a browser test's tab that
        closes or moves on while a file is on its way); loud otherwise."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclasses.dataclass
class SiteServer:
    """`with SiteServer(site_dir) as server:` then `server.url("quick-reference/")`."""

    root: Path
    gzip: bool = False
    base: str = "/"  # the path the site is served under
    _httpd: _Server | None = None

    def __enter__(self) -> Self:
        options = {"compress": self.gzip, "base": self.base}
        handler = type("Handler", (_Handler,), options)
        factory = functools.partial(handler, directory=str(self.root))
        self._httpd = _Server(("127.0.0.1", 0), factory)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    @property
    def origin(self) -> str:
        assert self._httpd is not None, "use SiteServer as a context manager"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str = "") -> str:
        return f"{self.origin}{self.base}{path.lstrip('/')}"

    def site_path(self, url_path: str) -> str:
        """The path within the site of a path on this server ("/repo/a/" -> "a/")."""
        return url_path.removeprefix(self.base).lstrip("/")
