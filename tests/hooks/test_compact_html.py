"""hooks/compact_html.py: template indentation goes, code keeps every space."""

from hooks import compact_html


def test_indentation_and_blank_lines_collapse_to_one_break() -> None:
    html = "<div>\n    <p>a</p>\n\n      \n  <p>b</p>  \n</div>"
    assert compact_html.compact(html) == "<div>\n<p>a</p>\n<p>b</p>\n</div>"


def test_pre_textarea_script_and_style_are_untouched() -> None:
    kept = [
        "<pre><code>def f():\n    return 1\n\n    # spaced\n</code></pre>",
        "<textarea>\n  two\n    four\n</textarea>",
        '<script>\n  var s = "a\n    b";\n</script>',
        "<STYLE>\n  p { }\n</STYLE>",
    ]
    for block in kept:
        assert compact_html.compact(f"<div>\n    {block}\n    </div>") == (
            f"<div>\n{block}\n</div>"
        )


def test_spaces_within_a_line_stay() -> None:
    html = "<p>one  two <code>a  b</code></p>"
    assert compact_html.compact(html) == html


def test_one_name_classes_lose_their_quotes_outside_script_style_textarea() -> None:
    html = (
        '<div class="a-b_c" id="x"><span class="k">k</span><i class="two names"></i>'
        '<br class="x"/><p title=\'class="q"\'>class="text"</p></div>'
    )
    assert compact_html.compact(html) == (
        '<div class=a-b_c id="x"><span class=k>k</span><i class="two names"></i>'
        '<br class="x"/><p title=\'class="q"\'>class="text"</p></div>'
    )
    assert compact_html.compact('<pre class="p"><span class="c1">#</span></pre>') == (
        "<pre class=p><span class=c1>#</span></pre>"
    )
    for kept in (
        "<script>x = '<a class=\"k\">'</script>",
        '<style>/* <a class="k"> */</style>',
        '<textarea><a class="k"></textarea>',
    ):
        assert compact_html.compact(kept) == kept


def test_the_hook_compacts_every_page() -> None:
    page = "<div>\n    <p>a</p>\n</div>"
    assert compact_html.on_post_page(page, None, None) == compact_html.compact(page)  # type: ignore[arg-type]
