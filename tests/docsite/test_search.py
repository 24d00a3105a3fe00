"""docsite/search.py: Pagefind's index of the built pages, Material's emptied."""

import json
from pathlib import Path
from typing import Any

import pytest

from docsite import search

ARTICLE = '<html><body><article class="md-content__inner md-typeset">{}</article>'


@pytest.fixture(autouse=True)
def no_phrases(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The small sites here have none of the site's sections: no phrases."""
    empty = tmp_path_factory.mktemp("phrases") / "search_phrases.toml"
    empty.write_text("[sections]\n")
    monkeypatch.setattr(search, "PHRASE_FILE", empty)
    return empty


def page(site: Path, folder: str, body: str) -> None:
    out = site / folder / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body)


def test_pages_are_the_built_articles_not_redirects(tmp_path: Path) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))
    page(tmp_path, "guides/debug", ARTICLE.format("<h1>Debug</h1>"))
    page(tmp_path, "kit", '<meta http-equiv="refresh" content="0; url=../x/">')
    assert sorted(search.pages(tmp_path)) == ["/", "/guides/debug/"]


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

    monkeypatch.setattr(search, "write", broken)
    with pytest.raises(search.SearchIndexError, match=f"{tmp_path}: no binary"):
        search.index(tmp_path)


def test_the_vocabulary_counts_the_articles_words_split_as_queries_are() -> None:
    found = {
        "/": '<nav>menu</nav><article class="md-content__inner"><p>FakeInngestAPI &amp; '
        "step.sleep_until, sleep</p></article>",
        "/x/": "<p>no article here</p>",
    }
    # Only the article, its entities decoded, "&" not a word.
    assert search.vocabulary(found) == {
        "api": 1,
        "fake": 1,
        "inngest": 1,
        "sleep": 2,
        "step": 1,
        "until": 1,
    }


def test_index_writes_the_vocabulary(tmp_path: Path) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1><p>debounce debounce</p>"))
    search.index(tmp_path)
    words = json.loads((tmp_path / search.BUNDLE / search.VOCABULARY).read_text())
    assert words["debounce"] == 2


def test_a_folder_without_pages_gets_no_index(tmp_path: Path) -> None:
    (tmp_path / "downloads").mkdir()
    search.index(tmp_path)
    assert not (tmp_path / search.BUNDLE).exists()


def test_synonyms_map_each_word_to_the_rest_of_its_groups(tmp_path: Path) -> None:
    words = tmp_path / "synonyms.toml"
    words.write_text('groups = [["task", "function"], ["job", "function"]]')
    assert search.synonyms(words) == {
        "task": ["function"],
        "function": ["task", "job"],
        "job": ["function"],
    }


def test_the_site_synonyms_are_valid() -> None:
    groups = search.synonyms()
    assert groups["countdown"] == ["sleep"]  # Celery's word for a delay


@pytest.mark.parametrize(
    ("name", "text", "wrong"),
    [
        ("synonyms.toml", "groups = [", "needs `groups = "),
        ("synonyms.toml", "words = []", "needs `groups = "),
        ("synonyms.toml", 'groups = [["task"]]', "group 1 must list two or more"),
        (
            "synonyms.toml",
            'groups = [["a", "b"], ["Task", "function"]]',
            "group 2 must list",
        ),
        ("synonyms.toml", 'groups = [["step.run", "run"]]', "group 1 must list"),
        ("synonyms.toml", 'groups = "task"', "group 1 must list"),
        ("search_phrases.toml", "sections = [", "needs a `\\[sections\\]` table"),
        ("search_phrases.toml", "[pages]", "needs a `\\[sections\\]` table"),
        ("search_phrases.toml", 'sections = "x"', "`sections` must be a table"),
        (
            "search_phrases.toml",
            '[sections]\n"a/#b" = ["run it"]\n"c/" = ["run it"]',
            "'run it' is under 'a/#b' and 'c/'",
        ),
        (
            "search_phrases.toml",
            '[sections]\n"a/#b" = "one"',
            "section 'a/#b' must list phrases",
        ),
        (
            "search_phrases.toml",
            '[sections]\n"a/#b" = ["Upper"]',
            "section 'a/#b' must list phrases",
        ),
        (
            "search_phrases.toml",
            '[sections]\n"a/#b" = [" "]',
            "section 'a/#b' must list phrases",
        ),
        (
            "search_phrases.toml",
            '[sections]\n"a/#b" = ["two\\nlines"]',
            "section 'a/#b' must list phrases",
        ),
    ],
)
def test_a_bad_words_file_is_named_with_what_is_wrong(
    tmp_path: Path, name: str, text: str, wrong: str
) -> None:
    bad = tmp_path / name
    bad.write_text(text)
    load = search.synonyms if name == "synonyms.toml" else search.phrases
    with pytest.raises(search.SearchIndexError, match=f"{bad}: {wrong}"):
        load(bad)


def test_index_writes_the_synonyms(tmp_path: Path) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))
    search.index(tmp_path)
    groups = json.loads((tmp_path / search.BUNDLE / search.SYNONYMS).read_text())
    assert groups == search.synonyms()


def test_a_bad_synonyms_file_stops_before_pagefind_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))
    bad = tmp_path / "synonyms.toml"
    bad.write_text("groups = [")
    monkeypatch.setattr(search, "SYNONYM_FILE", bad)
    with pytest.raises(search.SearchIndexError, match=r"synonyms\.toml"):
        search.index(tmp_path)
    assert not (tmp_path / search.BUNDLE).exists()


def test_index_lists_the_api_entries(tmp_path: Path) -> None:
    entry = '<h2 id="kit.run" class="doc doc-heading"><code>run()</code></h2>'
    page(tmp_path, "kit", ARTICLE.format(f"<h1>Kit</h1><h2 id='use'>Use</h2>{entry}"))
    search.index(tmp_path)
    api = json.loads((tmp_path / search.BUNDLE / search.API_ENTRIES).read_text())
    assert api == ["kit/#kit.run"]


def test_index_lists_the_symptoms_entries(tmp_path: Path) -> None:
    catalogue = '<h2 id="errors" class="symptoms">Errors</h2><h3 id="e401">401</h3>'
    page(tmp_path, "debug", ARTICLE.format(f"<h1>Debug</h1>{catalogue}"))
    search.index(tmp_path)
    found = (tmp_path / search.BUNDLE / search.SYMPTOM_ENTRIES).read_text()
    assert json.loads(found) == ["debug/#e401"]


def test_an_incomplete_index_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1><p>debounce</p>"))
    write = search.write
    calls = []

    async def cut_short_once(site_dir: Path, records: list[Any]) -> None:
        await write(site_dir, records)
        calls.append(1)
        if len(calls) == 1:  # as Pagefind's service does now and then
            (site_dir / search.BUNDLE / "pagefind-entry.json").write_text("")

    monkeypatch.setattr(search, "write", cut_short_once)
    search.index(tmp_path)
    assert len(calls) == 2
    assert search.incomplete(tmp_path / search.BUNDLE) is None


def test_an_index_incomplete_every_time_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1>"))
    write = search.write

    async def cut_short(site_dir: Path, records: list[Any]) -> None:
        await write(site_dir, records)
        (site_dir / search.BUNDLE / "pagefind-entry.json").write_text("{")

    monkeypatch.setattr(search, "write", cut_short)
    with pytest.raises(search.SearchIndexError, match=r"pagefind-entry\.json is empty"):
        search.index(tmp_path)


def test_incomplete_finds_an_empty_or_cut_file(tmp_path: Path) -> None:
    page(tmp_path, ".", ARTICLE.format("<h1>Home</h1><p>debounce</p>"))
    search.index(tmp_path)
    bundle = tmp_path / search.BUNDLE
    assert search.incomplete(bundle) is None
    fragment = next((bundle / "fragment").iterdir())
    whole = fragment.read_bytes()
    fragment.write_bytes(whole[:10])
    assert search.incomplete(bundle) == f"fragment/{fragment.name}"
    fragment.write_bytes(whole)
    (bundle / "pagefind.js").write_text("")
    assert search.incomplete(bundle) == "pagefind.js"


def test_the_site_phrases_are_valid() -> None:
    said = search.phrases(Path(search.__file__).with_name("search_phrases.toml"))
    assert "backpressure for background jobs" in said["guides/improve/#flow-control"]


def test_phrases_are_indexed_and_their_words_known(
    tmp_path: Path, no_phrases: Path
) -> None:
    page(
        tmp_path,
        "guides/debug",
        ARTICLE.format('<h1>Debug</h1><h2 id="keys">Keys</h2>'),
    )
    no_phrases.write_text(
        '[sections]\n"guides/debug/#keys" = ["rotate the secret"]\n'
        '"elsewhere/#x" = ["a page this build has not"]'
    )
    search.index(tmp_path)
    words = json.loads((tmp_path / search.BUNDLE / search.VOCABULARY).read_text())
    assert words["secret"] == 1
    # A page this build has not is no error (the built-site test checks them).
    assert search.incomplete(tmp_path / search.BUNDLE) is None


def test_a_phrase_for_a_section_the_page_lacks_stops_the_index(
    tmp_path: Path, no_phrases: Path
) -> None:
    page(
        tmp_path,
        "guides/debug",
        ARTICLE.format('<h1>Debug</h1><h2 id="keys">Keys</h2>'),
    )
    no_phrases.write_text('[sections]\n"guides/debug/#signing" = ["rotate"]')
    with pytest.raises(
        search.SearchIndexError,
        match=f"{no_phrases}: no section 'guides/debug/#signing' on the built pages",
    ):
        search.index(tmp_path)
    assert not (tmp_path / search.BUNDLE).exists()
