"""tools/serve.py answers as GitHub Pages does: directory URLs, 404 page, gzip."""

import gzip
import socket
import struct
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tools import serve
from tools.serve import SiteServer


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>page</p>")
    (tmp_path / "empty").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "404.html").write_text("<p>not found</p>")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    return tmp_path


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with opener.open(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_directory_urls_404_and_the_slash_redirect(site: Path) -> None:
    with SiteServer(site) as server:
        assert get(server.url("page/"))[2] == b"<p>page</p>"
        assert get(server.url())[2] == b"<p>home</p>"
        status, _, body = get(server.url("nope/"))
        assert (status, body) == (404, b"<p>not found</p>")
        assert get(server.url("empty/"))[0] == 404
        status, headers, _ = get(server.url("page"))
        assert status == 301
        assert headers["Location"].endswith("/page/")


def test_gzip_compresses_text_only(site: Path) -> None:
    with SiteServer(site, gzip=True) as server:
        _, headers, body = get(server.url("page/"))
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == b"<p>page</p>"
        _, headers, body = get(server.url("logo.png"))
        assert "Content-Encoding" not in headers
        assert body == b"\x89PNG"


def test_the_origin_needs_a_running_server(site: Path) -> None:
    with pytest.raises(AssertionError, match="context manager"):
        _ = SiteServer(site).origin
    SiteServer(site).__exit__(None, None, None)  # never started: nothing to stop


def test_a_project_site_is_served_under_its_base(site: Path) -> None:
    with SiteServer(site, base="/repo/") as server:
        assert server.url("page/").endswith("/repo/page/")
        assert get(server.url("page/"))[2] == b"<p>page</p>"
        status, headers, _ = get(server.origin + "/repo")
        assert status == 301
        assert headers["Location"] == "/repo/"
        assert get(server.origin + "/page/")[0] == 404
        assert server.site_path("/repo/a/") == "a/"


def errors_printed(
    server: SiteServer,
    request: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> str:
    """What the server prints on its error stream for `request` from a client
    that hangs up without reading the answer."""
    handled = threading.Event()
    report = serve._Server.handle_error

    def spy(self: serve._Server, *args: Any) -> None:
        report(self, *args)
        handled.set()

    monkeypatch.setattr(serve._Server, "handle_error", spy)
    host, port = server.origin.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.sendall(request)
    assert handled.wait(10), "the server never failed to answer"
    return capfd.readouterr().err


def test_a_client_that_hangs_up_is_not_reported(
    site: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    (site / "big.js").write_bytes(b"x" * 20_000_000)
    with SiteServer(site) as server:
        printed = errors_printed(
            server, b"GET /big.js HTTP/1.1\r\nHost: x\r\n\r\n", monkeypatch, capfd
        )
    assert printed == ""


def test_any_other_error_is_reported(
    site: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("the handler broke")

    monkeypatch.setattr(serve._Handler, "send_head", broken)
    with SiteServer(site) as server:
        printed = errors_printed(
            server, b"GET /page/ HTTP/1.1\r\nHost: x\r\n\r\n", monkeypatch, capfd
        )
    assert "RuntimeError: the handler broke" in printed
