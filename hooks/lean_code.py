"""MkDocs hook: fewer elements per code block.

Pygments wraps every token in a `<span class="...">`. On this site's code-heavy
pages those spans were most of the HTML and most of the DOM, which is what a
phone spends its time parsing and styling (issue 17: 2,400 spans, 13 KB of code
text in 55 KB of markup on the quick reference). Four token types are printed
as plain text instead:

- plain names (`client`, `ctx`): Material colours `.n` with
  `--md-code-hl-name-color`, which is the code text colour itself, so nothing
  changes on screen;
- whitespace (`.w`): Material gives it no style; nothing changes;
- punctuation and symbol operators (`(`, `,`, `.`, `=`): Material shows them a
  little lighter than names. They now take the code text colour (a contrast
  gain); keywords, strings, numbers, comments, builtins, function and class
  names, decorators and word operators (`in`, `not`) keep their colours.

This hook hands pymdownx.highlight a Pygments lexer filter (through its
documented `extend_pygments_lang` option) for every language the pages use.
Only the exact token types are re-typed; subtypes keep their class.
"""

from collections.abc import Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pygments.filter import Filter  # type: ignore[import-untyped]
from pygments.token import (  # type: ignore[import-untyped]
    Name,
    Operator,
    Punctuation,
    Text,
    Whitespace,
)

LANGUAGES = [
    "python", "py", "pycon", "bash", "sh", "shell", "console", "yaml", "yml",
    "json", "toml", "text", "ini", "http", "html", "javascript", "js", "xml",
]  # fmt: skip
RETYPED = {Name: Text, Whitespace: Text, Operator: Text, Punctuation: Text}


class PlainTokens(Filter):  # type: ignore[misc]
    """Re-types names, whitespace, punctuation and operators as plain text."""

    def filter(
        self, lexer: Any, stream: Iterator[tuple[Any, str]]
    ) -> Iterator[tuple[Any, str]]:
        for token_type, value in stream:
            yield RETYPED.get(token_type, token_type), value


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
