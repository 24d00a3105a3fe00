"""hooks/build_cache.py: a conversion is computed once per distinct input."""

import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hooks import build_cache


def _counting() -> tuple[list[str], Any]:
    calls: list[str] = []

    def convert(html: str, **options: Any) -> str:
        calls.append(html)
        return f"md of {html} {options.get('base_uri')}"

    return calls, convert


def test_same_input_is_converted_once(tmp_path: Path) -> None:
    calls, convert = _counting()
    cached = build_cache.memoized(convert, tmp_path, salt="v1")
    first = cached("<p>a</p>", base_uri="x/", preprocess=None, path="/site1/a.md")
    again = cached("<p>a</p>", base_uri="x/", preprocess=None, path="/site2/a.md")
    assert first == again == "md of <p>a</p> x/"
    assert calls == ["<p>a</p>"]  # the output path alone does not matter


@pytest.mark.parametrize(
    ("html", "options", "salt"),
    [
        ("<p>b</p>", {"base_uri": "x/"}, "v1"),  # other page HTML
        ("<p>a</p>", {"base_uri": "y/"}, "v1"),  # other option
        ("<p>a</p>", {"base_uri": "x/"}, "v2"),  # other plugin version
    ],
)
def test_any_other_input_misses(
    tmp_path: Path, html: str, options: dict[str, str], salt: str
) -> None:
    calls, convert = _counting()
    build_cache.memoized(convert, tmp_path, salt="v1")("<p>a</p>", base_uri="x/")
    build_cache.memoized(convert, tmp_path, salt=salt)(html, **options)
    assert len(calls) == 2


def test_with_a_preprocess_module_the_path_counts(tmp_path: Path) -> None:
    calls, convert = _counting()
    cached = build_cache.memoized(convert, tmp_path, salt="v1")
    cached("<p>a</p>", preprocess="pre.py", path="/site1/a.md")
    cached("<p>a</p>", preprocess="pre.py", path="/site2/a.md")
    assert len(calls) == 2


def _config(tmp_path: Path) -> MkDocsConfig:
    return MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))


def test_on_config_wraps_the_plugin_function_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = ModuleType("fake_llmstxt_plugin")
    calls, convert = _counting()
    setattr(plugin, build_cache.LLMSTXT_FUNCTION, convert)
    monkeypatch.setitem(sys.modules, plugin.__name__, plugin)
    monkeypatch.setattr(build_cache, "LLMSTXT_MODULE", plugin.__name__)
    build_cache.on_config(_config(tmp_path))
    wrapped = getattr(plugin, build_cache.LLMSTXT_FUNCTION)
    build_cache.on_config(_config(tmp_path))  # `mkdocs serve` rebuilds
    assert getattr(plugin, build_cache.LLMSTXT_FUNCTION) is wrapped
    wrapped("<p>a</p>")
    wrapped("<p>a</p>")
    assert calls == ["<p>a</p>"]
    assert list((tmp_path / ".cache" / "build" / "llmstxt").iterdir())


def test_a_renamed_plugin_function_leaves_the_build_uncached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    renamed = ModuleType("renamed_llmstxt_plugin")
    monkeypatch.setitem(sys.modules, renamed.__name__, renamed)
    monkeypatch.setattr(build_cache, "LLMSTXT_MODULE", renamed.__name__)
    with caplog.at_level("INFO", logger="mkdocs.hooks.build_cache"):
        build_cache.on_config(_config(tmp_path))
    assert "not cached" in caplog.text


def test_jinja_gets_a_bytecode_cache(tmp_path: Path) -> None:
    env = build_cache.on_env(jinja2.Environment(), _config(tmp_path), Files([]))
    assert isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
    env.from_string("{{ 1 }}")  # strings are not cached; templates by name are
    assert (tmp_path / ".cache" / "build" / "jinja").is_dir()


HIGHLIGHTED = (
    '<p><span class="x">kept</span></p><pre class="py"><span></span><code>'
    '<span class="kn">import</span> a\n<span class="c1"># (1)!</span>\n</code></pre>'
)


def test_code_blocks_lose_their_spans_and_nothing_else() -> None:
    assert build_cache.plain_code(HIGHLIGHTED) == (
        '<p><span class="x">kept</span></p><pre class="py"><code>'
        "import a\n# (1)!\n</code></pre>"
    )


def test_the_conversion_gets_plain_code(tmp_path: Path) -> None:
    calls, convert = _counting()
    build_cache.memoized(convert, tmp_path, salt="v1")(HIGHLIGHTED)
    assert calls == [build_cache.plain_code(HIGHLIGHTED)]


def test_plain_code_converts_to_the_same_markdown() -> None:
    from mkdocs_llmstxt._internal import plugin

    def markdown(html: str) -> str:
        return str(
            inspect.unwrap(getattr(plugin, build_cache.LLMSTXT_FUNCTION))(
                html,
                should_autoclean=True,
                preprocess=None,
                path="a.md",
                base_uri="http://x/",
                page_uri="a/index.html",
            )
        )

    page = f'<div class="language-python highlight">{HIGHLIGHTED}</div>'
    assert markdown(build_cache.plain_code(page)) == markdown(page)
