"""tools/built_html.py: ids, links, loaded resources and tables of built pages."""

from pathlib import Path

from tools import built_html

PAGE = """<html><head>
<link rel="stylesheet" href="a.css"><link rel="canonical" href="https://x.test/">
<script src="a.js"></script></head><body>
<h2 id="part">Part</h2><div id="box" style="background: url(b.png)"></div>
<a href="other/">other</a><img src="c.png"><img alt="no source">
<table><tr><th>Key</th><th>Value</th></tr>
<tr><td>one  <a href="#one">link</a></td><td>1</td></tr></table>
</body></html>"""


def test_parse(tmp_path: Path) -> None:
    file = tmp_path / "index.html"
    file.write_text(PAGE)
    page = built_html.parse(file)
    assert page.ids == {"part", "box"}
    assert page.headings == {"part": "h2"}
    assert page.links == ["other/", "#one"]
    assert page.resources == ["a.css", "a.js", "background: url(b.png)", "c.png"]


def test_a_page_is_parsed_again_only_when_the_file_changes(tmp_path: Path) -> None:
    file = tmp_path / "index.html"
    file.write_text(PAGE)
    first = built_html.parse(file)
    assert built_html.parse(file) is first
    file.write_text(PAGE.replace('id="box"', 'id="other-box"'))
    assert built_html.parse(file).ids == {"part", "other-box"}


def test_tables(tmp_path: Path) -> None:
    file = tmp_path / "index.html"
    file.write_text(PAGE)
    assert built_html.tables(file) == [[["Key", "Value"], ["one link", "1"]]]
    [[_, [cell, _]]] = built_html.table_cells(PAGE)
    assert cell.links == ["#one"]


def test_reader_pages_skip_redirects(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(PAGE)
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../a/">'
    )
    (tmp_path / "index.html").write_text(PAGE)
    assert built_html.reader_pages(tmp_path) == ["", "a/"]
    assert built_html.is_redirect(tmp_path / "old" / "index.html")
