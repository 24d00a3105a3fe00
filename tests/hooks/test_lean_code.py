"""hooks/lean_code.py: plain text for tokens Material colours like code text."""

from typing import Any

import markdown  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig

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
    assert '<span class="s2">"x"</span>' in lean  # strings
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
