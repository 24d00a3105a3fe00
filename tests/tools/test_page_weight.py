"""tools/page_weight.py: what a cold page load downloads, mapped back to the
files the site serves, raw and gzip (level 6, as GitHub Pages compresses)."""

import gzip
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tools import page_weight
from tools.serve import SiteServer


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>page</p>" * 50)
    (tmp_path / "404.html").write_text("<p>not found</p>")
    (tmp_path / "site.css").write_text("p { color: red }\n" * 20)
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs": []}' * 30)
    return tmp_path


def test_gzip_size_is_level_six_without_a_timestamp() -> None:
    data = b"abc" * 1000
    assert page_weight.gzip_size(data) == len(gzip.compress(data, 6, mtime=0))
    assert page_weight.gzip_size(data) < len(data)


def test_served_file_answers_as_github_pages(site: Path) -> None:
    assert page_weight.served_file(site, "/page/") == site / "page" / "index.html"
    assert page_weight.served_file(site, "/site%2Ecss") == site / "site.css"
    assert page_weight.served_file(site, "/missing.js") == site / "404.html"


class FakeBrowser:
    """Replays `requests` on goto through the context's route and request hooks."""

    def __init__(self, requests: list[str]) -> None:
        self.requests = requests
        self.continued: list[str] = []
        self.aborted: list[str] = []
        self.closed = False

    def new_context(self, viewport: dict[str, int]) -> Any:
        hooks: dict[str, Callable[[Any], None]] = {}

        def goto(url: str) -> None:
            for address in [url, *self.requests]:
                request = SimpleNamespace(url=address)
                hooks["route"](
                    SimpleNamespace(
                        request=request,
                        continue_=lambda a=address: self.continued.append(a),
                        abort=lambda a=address: self.aborted.append(a),
                    )
                )
                hooks["request"](request)

        page = SimpleNamespace(goto=goto, wait_for_load_state=lambda state: None)
        return SimpleNamespace(
            route=lambda pattern, handler: hooks.__setitem__("route", handler),
            on=lambda event, handler: hooks.__setitem__(event, handler),
            new_page=lambda: page,
            close=lambda: setattr(self, "closed", True),
        )


def test_measure_adds_up_local_files_and_blocks_other_hosts(site: Path) -> None:
    with SiteServer(site, base="/repo/") as server:
        browser = FakeBrowser(
            [
                server.url("site.css"),
                "https://fonts.example/font.woff2",
                "data:image/png;base64,AAAA",
            ]
        )
        weight = page_weight.measure(browser, server, "page/")  # type: ignore[arg-type]
    html = (site / "page" / "index.html").read_bytes()
    css = (site / "site.css").read_bytes()
    assert weight.requests == ["/repo/page/", "/repo/site.css"]
    assert weight.external == ["https://fonts.example/font.woff2"]
    assert weight.request_count == 3
    assert weight.raw == len(html) + len(css)
    assert weight.gzip == page_weight.gzip_size(html) + page_weight.gzip_size(css)
    assert (weight.html_raw, weight.html_gzip) == (
        len(html),
        page_weight.gzip_size(html),
    )
    assert browser.aborted == [
        "https://fonts.example/font.woff2",
        "data:image/png;base64,AAAA",
    ]
    assert browser.closed


def test_search_index_raw_and_gzip(site: Path) -> None:
    data = (site / "search" / "search_index.json").read_bytes()
    assert page_weight.search_index(site) == (
        len(data),
        page_weight.gzip_size(data),
    )


def test_the_shell_is_what_the_home_page_loaded_besides_itself(site: Path) -> None:
    with SiteServer(site, base="/repo/") as server:
        home = page_weight.PageWeight(
            "",
            ["/repo/", "/repo/site.css", "/repo/site.css", "/repo/x.js"],
            [],
            0,
            0,
            0,
            0,
        )
        assert page_weight.shell(server, home) == ["site.css", "x.js"]


def test_transfer_adds_the_page_its_own_files_and_the_shell_once(site: Path) -> None:
    (site / "page" / "index.html").write_text(
        '<link rel="stylesheet" href="../site.css"><img src="figure.svg">'
        '<img src="https://elsewhere.example/x.png"><img src="data:image/png;base64,A">'
    )
    (site / "page" / "figure.svg").write_text("<svg></svg>" * 10)
    files = [
        site / "page" / "index.html",
        site / "site.css",
        site / "page" / "figure.svg",
    ]
    expected = sum(page_weight.gzip_size(f.read_bytes()) for f in files)
    assert page_weight.transfer(site, "page/", ["site.css"]) == expected
    index = site / "search" / "search_index.json"
    with_index = expected + page_weight.gzip_size(index.read_bytes())
    assert page_weight.transfer(
        site, "page/", ["site.css", "search/search_index.json"]
    ) == (with_index)


def test_elements_are_counted_as_the_parser_makes_them(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        '<html><body><p>a <br> <span class="k">b</span></p><img src=x></body>'
    )
    assert page_weight.elements(page) == 6  # html, body, p, br, span, img
