"""hooks/lean_code.py: plain text for tokens Material colours like code text,
and one span per run of one colour, with Material's own classes."""

import importlib.util
import re
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from pygments.token import (  # type: ignore[import-untyped]
    Keyword,
    String,
    Text,
)

from hooks import lean_code

SOURCE = 'import inngest\n\nclient = inngest.Inngest(app_id="x")  # (1)!\nprint(len(items))\n'


def _render(config: dict[str, Any]) -> str:
    return str(
        markdown.markdown(
            f"``` python\n{SOURCE}```",
            extensions=["pymdownx.superfences", "pymdownx.highlight"],
            extension_configs={"pymdownx.highlight": config},
        )
    )


def _hooked() -> dict[str, Any]:
    config = MkDocsConfig()
    config.mdx_configs = {"pymdownx.highlight": {"pygments_lang_class": True}}
    lean_code.on_config(config)
    highlight: dict[str, Any] = config.mdx_configs["pymdownx.highlight"]
    return highlight


def test_names_punctuation_and_whitespace_lose_their_spans() -> None:
    plain, lean = _render({}), _render(_hooked())
    for css_class in ("n", "o", "p", "w"):
        assert f'<span class="{css_class}">' in plain
        assert f'<span class="{css_class}">' not in lean
    assert len(lean) < len(plain) / 2


def test_coloured_tokens_and_comments_keep_their_class() -> None:
    lean = _render(_hooked())
    assert '<span class="s">"x"</span>' in lean  # strings, as one type
    assert '<span class="c1"># (1)!</span>' in lean  # annotation markers live here
    assert '<span class="nb">print</span>' in lean  # builtins


def test_the_code_text_is_unchanged() -> None:
    lean = _render(_hooked())
    assert "client = inngest.Inngest(app_id=" in lean
    assert '<span class="nb">print</span>(<span class="nb">len</span>(items))' in lean


def test_a_language_configured_in_mkdocs_yml_is_left_alone() -> None:
    config = MkDocsConfig()
    own = {"name": "python", "lang": "python", "options": {"startinline": True}}
    config.mdx_configs = {"pymdownx.highlight": {"extend_pygments_lang": [own]}}
    lean_code.on_config(config)
    extended = config.mdx_configs["pymdownx.highlight"]["extend_pygments_lang"]
    assert [e for e in extended if e["name"] == "python"] == [own]
    assert any(e["name"] == "bash" for e in extended)


def _lean(source: str) -> str:
    return str(
        markdown.markdown(
            f"``` python\n{source}```",
            extensions=["pymdownx.superfences", "pymdownx.highlight"],
            extension_configs={"pymdownx.highlight": _hooked()},
        )
    )


def test_tokens_of_one_colour_with_spaces_between_are_one_span() -> None:
    lean = _lean('from a import b\nasync def f(x):\n    return f"{x} and {x}"\n')
    assert '<span class="k">async def</span>' in lean
    assert '<span class="s">"{</span>x<span class="s">} and {</span>' in lean
    assert '<span class="k">from</span> <span class="nf">a</span>' in lean


def test_tokens_material_leaves_uncoloured_are_plain_text() -> None:
    lean = _lean('x = f"a"\nclass A:\n    def __init__(self): return None\n')
    assert 'x = f<span class="s">"a"</span>' in lean  # String.Affix
    assert ">__init__<" not in lean
    assert "__init__(" in lean
    assert "return</span> None" in lean  # Keyword.Constant: the name colour


def test_spaces_join_only_tokens_of_one_colour() -> None:
    tokens = [
        (Keyword, "a"),
        (Text, " "),
        (String, "b"),
        (Text, "  "),
        (String, "c"),
        (Text, " \n"),
        (String, "d"),
        (Text, "x"),
    ]
    assert list(lean_code.joined(tokens)) == [
        (Keyword, "a"),
        (Text, " "),
        (String, "b  c"),
        (Text, " \n"),
        (String, "d"),
        (Text, "x"),
    ]


def _material_colours() -> dict[str, set[str]]:
    """Colour variable -> the `.highlight .X` classes Material gives it."""
    spec = importlib.util.find_spec("material")
    assert spec is not None
    assert spec.origin is not None
    sheets = Path(spec.origin).parent / "templates/assets/stylesheets"
    (css,) = sheets.glob("main.*.min.css")
    colours: dict[str, set[str]] = {}
    rule = re.compile(
        r"((?:\.highlight \.\w+,?)+)\{color:var\(--md-code-hl-(\w+)-color\)\}"
    )
    for selectors, colour in rule.findall(css.read_text()):
        colours.setdefault(colour, set()).update(
            re.findall(r"\.highlight \.(\w+)", selectors)
        )
    return colours


def test_each_group_is_every_class_material_gives_that_colour() -> None:
    material = _material_colours()
    for colour, classes in lean_code.MATERIAL_COLOURS.values():
        assert set(classes.split()) == material[colour], colour
    grouped = {
        c for _, classes in lean_code.MATERIAL_COLOURS.values() for c in classes.split()
    }
    styled = set().union(*material.values())
    assert styled - grouped <= lean_code.KEPT | {"n", "kc", "o", "p"}
