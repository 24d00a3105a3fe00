"""Serve a built site on 127.0.0.1 the way GitHub Pages does.

A thread running `http.server` on a free port: `/page/` serves
`page/index.html`, a missing path gets `404.html` with status 404, and with
`gzip=True` text responses are compressed (Lighthouse and the budget measure
what a reader downloads).
"""

import dataclasses
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from typing import Any, Self

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".md", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests report failures themselves."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not (path / "index.html").is_file():
            path = Path("/nonexistent")
        if not path.exists():
            return self._send_file(Path(self.directory) / "404.html", 404)
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the usual 301 to the slash URL
            path = path / "index.html"
        return self._send_file(path, 200)

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


@dataclasses.dataclass
class SiteServer:
    """`with SiteServer(site_dir) as server:` then `server.url("quick-reference/")`."""

    root: Path
    gzip: bool = False
    _httpd: http.server.ThreadingHTTPServer | None = None

    def __enter__(self) -> Self:
        handler = type("Handler", (_Handler,), {"compress": self.gzip})
        factory = functools.partial(handler, directory=str(self.root))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
        self._httpd.daemon_threads = True
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
        return f"{self.origin}/{path.lstrip('/')}"
