"""MkDocs hook: drop the indentation of the HTML Material's templates write.

Material's Jinja templates are indented for people reading them, and each
level of nesting reaches the built page as leading spaces and empty lines:
about 10 KB of every page (issue 17). Outside `<pre>`, `<textarea>`,
`<script>` and `<style>` a run of whitespace that contains a line break
renders exactly like one line break, so that is what it becomes. Inside those
elements nothing is touched: code blocks keep every space.
"""

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
INDENTED_BREAK = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    """`html` with every whitespace run that holds a line break cut to "\\n"."""
    parts = KEEP.split(html)
    # split() yields: text, whole kept element, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(INDENTED_BREAK.sub("\n", part))
        elif index % 3 == 1:
            out.append(part)
    return "".join(out)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return compact(output)
