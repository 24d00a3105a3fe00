"""docsite/sections.py: a built article cut into the sections a result links to."""

from docsite import sections

ARTICLE = (
    '<a class="md-content__button" href="x.md">View</a>'
    '<h1 id="debug">Debug<a class="headerlink" href="#debug">¶</a></h1>'
    "<p>Intro.</p>"
    '<h2 id="keys">Keys<a class="headerlink" href="#keys">¶</a></h2>'
    "<p>Signing keys.</p>"
    '<div class="tabbed"><p>Tab one.</p>'
    '<h3 id="rotate">Rotate a key</h3><p>Fallback.</p></div>'
    '<h2 id="logging">Logging</h2><p>Logs.</p>'
)


def test_a_section_runs_from_its_heading_to_the_next() -> None:
    found = sections.split(ARTICLE)
    assert [(s.anchor, s.level, s.title) for s in found] == [
        ("", 1, "Debug"),
        ("keys", 2, "Keys"),
        ("rotate", 3, "Rotate a key"),
        ("logging", 2, "Logging"),
    ]
    assert sections.text(found[0].html) == "View Debug ¶ Intro."
    assert sections.text(found[3].html) == "Logging Logs."


def test_the_elements_open_at_a_cut_are_opened_and_closed_again() -> None:
    keys, rotate = sections.split(ARTICLE)[1:3]
    # Keys ends inside the tab: the tab is closed after it...
    assert keys.html.endswith("<p>Tab one.</p></div>")
    # ...and opened (bare) before Rotate, whose end closes it.
    assert rotate.html == (
        '<div><h3 id="rotate">Rotate a key</h3><p>Fallback.</p></div>'
    )


def test_parents_are_the_enclosing_sections_titles() -> None:
    found = {s.anchor: s.parents for s in sections.split(ARTICLE)}
    assert found == {"": (), "keys": (), "rotate": ("Keys",), "logging": ()}


def test_a_title_has_no_pilcrow_and_no_api_labels() -> None:
    heading = (
        '<h3 id="kit.Run" class="doc doc-heading"><code>Run</code>'
        '<span class="doc doc-labels"><small>dataclass</small></span>'
        '<a href="#kit.Run" class="headerlink">¶</a></h3><p>A run.</p>'
    )
    [_, entry] = sections.split(heading)
    assert entry.title == "Run"
    assert entry.heading == '<h3 id="kit.Run" class="doc doc-heading">'


def test_a_heading_without_an_id_is_not_a_section() -> None:
    found = sections.split("<h1>Home</h1><p>a</p><h2>Plain</h2><p>b</p>")
    assert [(s.anchor, s.title) for s in found] == [("", "Home")]


def test_unopened_closing_tags_are_dropped_and_void_elements_kept() -> None:
    assert sections.balanced("</div><p>a<br>b</span></p><em>c") == (
        "<p>a<br>b</p><em>c</em>"
    )


def test_comments_are_kept_and_never_cut_at() -> None:
    [page, keys] = sections.split(
        '<!-- a --><p>x</p><h2 id="k">K</h2><!-- <h2 id="no"> -->'
    )
    assert page.html == "<!-- a --><p>x</p>"
    assert keys.html == '<h2 id="k">K</h2><!-- <h2 id="no"> -->'
