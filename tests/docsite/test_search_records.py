"""docsite/search_records.py: one search record per section, with its context."""

import re

from docsite import search_records

PAGE = (
    '<html><body><nav><a href="../other/">menu</a></nav>'
    '<article class="md-content__inner md-typeset">{}</article></body></html>'
)
KIT = PAGE.format(
    '<h1 id="kit">Testing kit</h1><p>Run functions offline.</p>'
    '<h2 id="api">API</h2>'
    '<div class="doc doc-object"><h3 id="inngest_kit.Executor" class="doc doc-heading">'
    "<code>Executor(client)</code></h3>"
    '<div class="doc doc-contents"><p>Plays the server.</p>'
    '<h4 id="inngest_kit.Executor.run" class="doc doc-heading">'
    "<code>run(fn, event, *, waits=None)</code></h4>"
    '<div class="doc doc-contents"><p>Runs ctx.step.wait_for_event to the end.</p>'
    "</div></div></div>"
)


def meta(record: search_records.Record) -> dict[str, str]:
    pattern = r'data-pagefind-meta="(\w+)\[content\]" content="([^"]*)"'
    return dict(re.findall(pattern, record.html))


def context(record: search_records.Record) -> str:
    """The context paragraph, after the mark that keeps it out of previews."""
    found = re.search(r'data-pagefind-weight="0.5">([^<]*)</p>', record.html)
    assert found
    hidden, _, words = found.group(1).partition(" ")
    assert hidden == search_records.HIDDEN
    return words


def test_one_record_per_section_with_its_context() -> None:
    records = search_records.records("/kit/", KIT)
    assert [(r.url, r.api) for r in records] == [
        ("/kit/", False),
        ("/kit/#api", False),
        ("/kit/#inngest_kit.Executor", True),
        ("/kit/#inngest_kit.Executor.run", True),
    ]
    top, _, _, run = records
    assert meta(top) == {"title": "Testing kit", "page": "Testing kit"}
    assert context(top) == "Testing kit"
    # Indexed by its name, shown by its signature.
    assert ">Executor.run</h4>" in run.html
    assert meta(run) == {
        "title": "run(fn, event, *, waits=None)",
        "page": "Testing kit",
    }
    # Its page, the entries it is part of by name, its full name, and the
    # tails of the dotted names in it.
    assert context(run) == (
        "Testing kit · API · Executor · inngest_kit.Executor.run · "
        "step.wait_for_event · wait_for_event"
    )
    # The API entry's body weighs less than prose; the menu is not indexed.
    assert '<div data-pagefind-weight="0.4" class="doc doc-contents">' in run.html
    assert "menu" not in "".join(r.html for r in records)


def test_a_value_is_not_part_of_an_attribute_title() -> None:
    page = PAGE.format(
        '<h1 id="k">Kit</h1><h3 id="inngest_kit.LIMIT" class="doc doc-heading">'
        "<code>LIMIT = 1000</code></h3>"
    )
    entry = search_records.records("/k/", page)[-1]
    assert meta(entry)["title"] == "LIMIT"
    assert ">LIMIT</h3>" in entry.html


def test_a_page_without_an_article_has_no_records() -> None:
    assert search_records.records("/x/", "<p>redirect</p>") == []


def test_tails_of_dotted_identifiers() -> None:
    assert search_records.tails(
        "ctx.step.run and inngest.fast_api.serve x.y raise inngest.RetryAfterError"
    ) == ["RetryAfterError", "fast_api.serve", "step.run"]


def test_what_readers_type_for_a_section_is_in_its_context() -> None:
    said = {"kit/#api": ["look up a method"], "other/#api": ["not this page"]}
    top, api, *_ = search_records.records("/kit/", KIT, said)
    assert context(api) == "Testing kit · look up a method"
    assert "look up" not in context(top)


def test_the_entries_under_a_symptoms_heading_are_symptoms() -> None:
    page = PAGE.format(
        '<h1 id="d">Debug</h1><h2 id="dev">Dev Server</h2>'
        '<h2 class="symptoms" id="catalogue">Errors</h2>'
        '<h3 id="missing-key">Missing key</h3><h4 id="why">Why</h4>'
        '<h2 id="keys">Keys</h2><h3 id="rotate">Rotate</h3>'
    )
    found = {r.url: r.symptom for r in search_records.records("/d/", page)}
    assert [url for url, symptom in found.items() if symptom] == [
        "/d/#missing-key",
        "/d/#why",
    ]
