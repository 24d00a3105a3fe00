"""MkDocs hook: fewer elements per code block, through one Pygments filter.

Pygments wraps every token in a `<span class="...">`. On this site's code-heavy
pages those spans were most of the HTML and most of the DOM, which is what a
phone spends its time parsing and styling (2,400 spans on the quick reference
before this filter, 59% of its elements; `make bench` counts them). So:

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
  `.c`, `.c1` and `.cm`.

Keywords, strings, numbers, comments, builtins, function and class names,
decorators and word operators (`in`, `not`) keep their colours, as Material's
spans with Material's classes: nothing rewrites the built HTML.

The whole of it is `PlainTokens`, a Pygments lexer filter, which `on_config`
hands to pymdownx.highlight through its documented `extend_pygments_lang`
option (`options: {filters: [...]}`) for every language the pages use; any
build that configures pymdownx.highlight that way gets the same code blocks.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
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
