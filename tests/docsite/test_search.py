"""docsite/search.py: Pagefind's index of the built pages, Material's emptied."""

import json
from pathlib import Path

import pytest

from docsite import search

ARTICLE = '<html><body><article class="md-content__inner md-typeset">{}</article>'


def page(site: Path, folder: str, body: str) -> None:
    out = site / folder / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body)


def test_pages_are_the_built_articles_not_redirects(tmp_path: Path) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))
    page(tmp_path, "guides/debug", ARTICLE.format("<h1>Debug</h1>"))
    page(tmp_path, "kit", '<meta http-equiv="refresh" content="0; url=../x/">')
    assert sorted(search.pages(tmp_path)) == ["/", "/guides/debug/"]


def test_api_entries_weigh_less_than_prose() -> None:
    html = '<div class="doc doc-contents first"><p>run</p></div>'
    assert search.weighted(html) == (
        '<div data-pagefind-weight="0.4" class="doc doc-contents first"><p>run</p></div>'
    )


def test_index_writes_the_bundle_and_empties_material_index(tmp_path: Path) -> None:
    page(tmp_path, "guides/debug", ARTICLE.format("<h1>Debug</h1><p>signing key</p>"))
    index = tmp_path / search.MATERIAL_INDEX
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": [{"t": 1}]}))
    search.index(tmp_path)
    bundle = {f.name for f in (tmp_path / search.BUNDLE).iterdir()}
    assert set(search.USED) <= bundle
    assert not {name for name in bundle if name.endswith(".css")}  # no UI of its own
    assert json.loads(index.read_text()) == {"config": {"lang": ["en"]}, "docs": []}


def test_the_bench_keeps_material_index(tmp_path: Path) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))
    index = tmp_path / search.MATERIAL_INDEX
    index.parent.mkdir()
    index.write_text('{"config": {}, "docs": [{"t": 1}]}')
    search.index(tmp_path, keep_material_index=True)
    assert json.loads(index.read_text())["docs"] == [{"t": 1}]


def test_a_failing_pagefind_names_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))

    async def broken(site_dir: Path, found: dict[str, str]) -> None:
        raise OSError("no binary")

    monkeypatch.setattr(search, "_write", broken)
    with pytest.raises(search.SearchIndexError, match=f"{tmp_path}: no binary"):
        search.index(tmp_path)
