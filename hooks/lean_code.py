"""MkDocs hook: fewer elements per code block.

Pygments wraps every token in a `<span class="...">`. On this site's code-heavy
pages those spans were most of the HTML and most of the DOM, which is what a
phone spends its time parsing and styling (issue 17: 2,400 spans, 13 KB of code
text in 55 KB of markup on the quick reference). So:

- plain names (`client`, `ctx`), `True`/`None`/`False` (`.kc`) and whitespace
  print as plain text: Material colours them with the code text colour itself
  (`--md-code-hl-name-color`), or not at all;
- punctuation and symbol operators (`(`, `,`, `.`, `=`) print as plain text:
  Material shows them a little lighter than names, they now take the code text
  colour (a contrast gain);
- tokens Material gives no colour (the `f` of an f-string, `__init__`) print
  as plain text: nothing changes on screen;
- tokens Material gives the same colour print as one type, and a space between
  two of them joins them, so `async def`, `"a {` + `}"` or `from ... import`
  are one span each, not two to five (MATERIAL_COLOURS; a test checks it
  against the installed theme's stylesheet);
- comments keep their exact class: Material finds annotation markers in
  `.c`, `.c1` and `.cm`;
- in the built page, a coloured token is a short element, not a span with a
  class: `<k->async def</k->` for `<span class="k">async def</span>`, 13 or
  14 bytes less per token (11 KB of the quick reference). Names with a hyphen
  are valid HTML (autonomous custom elements; nothing defines them, so they
  are plain inline elements like `<span>`), and docs/assets/site.css gives
  each Material's colour variable for its class (a test compares the two).
  The search index, the Markdown copies and llms.txt are made from the page
  before this step and never see them.

Keywords, strings, numbers, comments, builtins, function and class names,
decorators and word operators (`in`, `not`) keep their colours. This hook hands
pymdownx.highlight a Pygments lexer filter (through its documented
`extend_pygments_lang` option) for every language the pages use.
"""

import re
from collections.abc import Iterable, Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from pygments.filter import Filter  # type: ignore[import-untyped]
from pygments.token import (  # type: ignore[import-untyped]
    STANDARD_TYPES,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from docsite.html import CODE_BLOCK

LANGUAGES = [
    "python", "py", "pycon", "bash", "sh", "shell", "console", "yaml", "yml",
    "json", "toml", "text", "ini", "http", "html", "javascript", "js", "xml",
]  # fmt: skip

# Material's stylesheet gives each group of classes one colour
# (`.highlight .s1,.highlight .s2{color:var(--md-code-hl-string-color)}`):
# token type printed for the whole group -> (colour, the group's classes).
MATERIAL_COLOURS = {
    String: ("string", "cpf l s s1 s2 sb sc si ss"),
    String.Escape: ("special", "cp se sh sr sx"),
    Number: ("number", "il m mb mf mh mi mo"),
    Keyword: ("keyword", "k kd kn kp kr kt nd ni nl nt"),
    Name.Builtin: ("constant", "bp nb no"),
    Name.Function: ("function", "nc ne nf nn"),
    Name.Variable: ("variable", "na nv vc vg vi"),
}
# Classes Material styles that keep their own: comments (annotation markers
# live in .c, .c1, .cm), generic output (.gd and .gi have backgrounds) and
# word operators.
KEPT = {
    "c", "c1", "ch", "cm", "cs", "sd", "ow",
    "ge", "gh", "go", "gp", "gr", "gs", "gt", "gu", "gd", "gi",
}  # fmt: skip
# Printed as plain text: the code text colour (names, `.kc`), or a lighter
# shade that the code text colour replaces (punctuation, symbol operators).
PLAIN = {Name, Keyword.Constant, Whitespace, Operator, Punctuation}


def _retype_table() -> dict[Any, Any]:
    by_class = {
        css: printed
        for printed, (_, classes) in MATERIAL_COLOURS.items()
        for css in classes.split()
    }
    table = {}
    for token_type, css in STANDARD_TYPES.items():
        if token_type in PLAIN:
            table[token_type] = Text
        elif css in by_class:
            table[token_type] = by_class[css]
        elif css not in KEPT:
            table[token_type] = Text  # Material gives it no colour
    return table


RETYPED = _retype_table()
JOINED = set(MATERIAL_COLOURS)


def joined(tokens: Iterable[tuple[Any, str]]) -> Iterator[tuple[Any, str]]:
    """Spaces between two tokens of one colour take that colour (one span, not two)."""
    held: list[tuple[Any, str]] = []  # [coloured token, spaces] waiting for the next
    for token_type, value in tokens:
        if len(held) == 2 and token_type == held[0][0]:
            held = [(token_type, held[0][1] + held[1][1] + value)]
            continue
        if len(held) == 1 and token_type is Text and value.strip(" ") == "" and value:
            held.append((token_type, value))
            continue
        yield from held
        held = [(token_type, value)] if token_type in JOINED else []
        if not held:
            yield token_type, value
    yield from held


class PlainTokens(Filter):  # type: ignore[misc]
    """Plain text for uncoloured tokens, one type per Material colour."""

    def filter(
        self, lexer: Any, stream: Iterator[tuple[Any, str]]
    ) -> Iterator[tuple[Any, str]]:
        return joined((RETYPED.get(t, t), value) for t, value in stream)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    highlight: dict[str, Any] = config.mdx_configs.setdefault("pymdownx.highlight", {})
    extended = highlight.setdefault("extend_pygments_lang", [])
    named = {entry["name"] for entry in extended}
    lean = PlainTokens()
    for language in LANGUAGES:
        if language not in named:
            extended.append(
                {"name": language, "lang": language, "options": {"filters": [lean]}}
            )
    return config


# The class pygments prints for each of MATERIAL_COLOURS' types -> the element
# that replaces its span in the built page (docs/assets/site.css colours them).
ELEMENTS = {STANDARD_TYPES[t]: STANDARD_TYPES[t] + "-" for t in MATERIAL_COLOURS}
TOKEN = re.compile(rf'<span class="({"|".join(ELEMENTS)})">([^<]*)</span>')


def short_tokens(html: str) -> str:
    """`html` with each coloured token span in a `<pre>` as its ELEMENTS element,
    and without the empty span Pygments opens each block with."""

    def block(match: re.Match[str]) -> str:
        # Pygments' empty span keeps a leading empty line from being dropped
        # by HTML parsers (they drop a line break right after <pre>); the
        # <code> that follows does that here.
        code = match[0].replace("<span></span><code", "<code", 1)
        return TOKEN.sub(lambda t: f"<{ELEMENTS[t[1]]}>{t[2]}</{ELEMENTS[t[1]]}>", code)

    return CODE_BLOCK.sub(block, html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return short_tokens(output)
