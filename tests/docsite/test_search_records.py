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
GUIDE = PAGE.format(
    '<h1 id="debug">Debug</h1>'
    '<h2 id="offline">Offline</h2><p>See <a href="../kit/#inngest_kit.Executor.run">'
    "the <code>Executor</code> runner</a>, <a href='#offline'>here</a> and "
    '<a href="https://inngest.com/docs">Inngest</a>.</p>'
)


def meta(record: search_records.Record) -> dict[str, str]:
    return dict(
        re.findall(
            r'data-pagefind-meta="(\w+)\[content\]" content="([^"]*)"', record.html
        )
    )


def context(record: search_records.Record) -> str:
    found = re.search(r'data-pagefind-weight="0.5">([^<]*)</p>', record.html)
    assert found
    return found.group(1)


def test_links_to_other_pages_are_kept_root_relative() -> None:
    assert search_records.target("../kit/#a", "/guides/debug/") == "guides/kit/#a"
    assert search_records.target("../../", "/guides/debug/") == ""
    assert search_records.target("#a", "/guides/debug/") is None  # same page
    assert search_records.target("https://x.com/", "/guides/") is None
    assert search_records.target("../kit.zip", "/guides/") is None  # a file


def test_one_record_per_section_with_what_other_pages_call_it() -> None:
    pages = {"/kit/": KIT, "/debug/": GUIDE}
    linked = search_records.inbound(pages)
    assert linked == {"kit/#inngest_kit.Executor.run": ["the Executor runner"]}
    records = search_records.records("/kit/", KIT, linked)
    assert [r.url for r in records] == [
        "/kit/",
        "/kit/#api",
        "/kit/#inngest_kit.Executor",
        "/kit/#inngest_kit.Executor.run",
    ]
    run = records[-1]
    # Indexed by its name, shown by its signature; an API entry; one link in.
    assert ">Executor.run</h4>" in run.html
    assert meta(run) == {
        "title": "run(fn, event, *, waits=None)",
        "page": "Testing kit",
        "kind": "api",
        "links": "1",
        "to": "",
    }
    assert context(run) == (
        "Testing kit · API · Executor · inngest_kit.Executor.run · "
        "the Executor runner · step.wait_for_event · wait_for_event"
    )
    # The API entry's body weighs less than prose.
    assert '<div data-pagefind-weight="0.4" class="doc doc-contents">' in run.html


def test_a_section_lists_the_sections_of_other_pages_it_links() -> None:
    [top, offline] = search_records.records("/debug/", GUIDE, {})
    assert meta(offline)["to"] == "kit/#inngest_kit.Executor.run"
    assert meta(offline)["kind"] == "prose"
    assert meta(top) == {
        "title": "Debug",
        "page": "Debug",
        "kind": "prose",
        "links": "0",
        "to": "",
    }


def test_a_value_is_not_part_of_an_attribute_title() -> None:
    page = PAGE.format(
        '<h1 id="k">Kit</h1><h3 id="inngest_kit.LIMIT" class="doc doc-heading">'
        "<code>LIMIT = 1000</code></h3>"
    )
    entry = search_records.records("/k/", page, {})[-1]
    assert meta(entry)["title"] == "LIMIT"
    assert ">LIMIT</h3>" in entry.html


def test_tails_of_dotted_identifiers() -> None:
    assert search_records.tails("ctx.step.run and inngest.fast_api.serve x.y") == [
        "fast_api.serve",
        "step.run",
    ]
