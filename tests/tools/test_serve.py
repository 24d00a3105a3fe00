"""tools/serve.py answers as GitHub Pages does: directory URLs, 404 page, gzip."""

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

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
