"""MkDocs hook: drop the indentation of the HTML Material's templates write.

Material's Jinja templates are indented for people reading them, and each
level of nesting reaches the built page as leading spaces and empty lines:
about 10 KB of every page (issue 17). Outside `<pre>`, `<textarea>`,
`<script>` and `<style>` a run of whitespace that contains a line break
renders exactly like one line break, so that is what it becomes. Inside those
elements nothing is touched: code blocks keep every space.

A `class` attribute with one class name loses its quotes (`class=md-nav__item`):
HTML reads an unquoted value up to the next space or `>`, so the page is the
same to a browser, and each saves two bytes (500 of them on the quick
reference). Only `class`: tests read other attributes from the built pages as
written. Inside `<script>`, `<style>` and `<textarea>` nothing is touched.
"""

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
INDENTED_BREAK = re.compile(r"[ \t]*\n\s*")
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
QUOTED_CLASS = re.compile(r'(\sclass=)"([\w-]+)"(?=[\s>])')


def unquoted_classes(html: str) -> str:
    """`html` with each `class="one-name"` as `class=one-name` (not for script,
    style or textarea text)."""
    return TAG.sub(lambda tag: QUOTED_CLASS.sub(r"\1\2", tag[0]), html)


def compact(html: str) -> str:
    """`html` with every whitespace run that holds a line break cut to "\\n",
    and one-name class attributes unquoted."""
    parts = KEEP.split(html)
    # split() yields: text, whole kept element, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(unquoted_classes(INDENTED_BREAK.sub("\n", part)))
        elif index % 3 == 1:
            pre = parts[index + 1].lower() == "pre"
            out.append(unquoted_classes(part) if pre else part)
    return "".join(out)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return compact(output)
