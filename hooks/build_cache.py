"""MkDocs hook: keep in .cache/build/ what a rebuild would only compute again.

Profiled (issue 17), a build spent about half its time in the llmstxt plugin
turning each page's HTML back into Markdown (BeautifulSoup, markdownify,
mdformat) and an eighth compiling Material's Jinja templates, both of which
give the same result for the same input on every build:

- Jinja: a `FileSystemBytecodeCache`, Jinja's own cache of compiled
  templates, keyed by template name and source checksum.
- llmstxt: the HTML-to-Markdown conversion is memoized on a hash of its whole
  input (the page HTML, its options and the plugin's and mdformat's versions);
  a changed page misses the cache and is converted as before.

A cold build (no .cache/build, as in CI) still converts every page, so the
conversion is also given less to parse: code blocks without Pygments' token
spans (`plain_code`). markdownify takes the same text from a code block either
way, so the Markdown is byte for byte the same (every page compared, issue 17),
and the parse and conversion do a fifth less work.

The plugin has no cache setting, so its conversion function is wrapped by
name; if a new plugin release renames it, the build goes on uncached and says
so once (nothing else changes).
"""

import functools
import hashlib
import importlib.metadata
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from docsite.html import CODE_BLOCK

log = logging.getLogger("mkdocs.hooks.build_cache")

CACHE = ".cache/build"
LLMSTXT_MODULE = "mkdocs_llmstxt._internal.plugin"
LLMSTXT_FUNCTION = "_generate_page_markdown"
SPAN_TAG = re.compile(r"</?span\b[^>]*>")


def plain_code(html: str) -> str:
    """`html` without the `<span>` tags in its `<pre>` blocks (their text stays)."""
    return CODE_BLOCK.sub(lambda block: SPAN_TAG.sub("", block[0]), html)


def cache_dir(config: MkDocsConfig, name: str) -> Path:
    folder = Path(config.config_file_path).parent / CACHE / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def memoized(
    convert: Callable[..., str], folder: Path, salt: str
) -> Callable[..., str]:
    """`convert(html, **options)` of `html`'s `plain_code`, answered from
    `folder` when seen before."""

    @functools.wraps(convert)
    def cached(html: str, **options: Any) -> str:
        html = plain_code(html)
        keyed = dict(options)
        if not keyed.get("preprocess"):
            keyed.pop("path", None)  # the output path is only read by `preprocess`
        key = json.dumps([salt, html, keyed], sort_keys=True, default=str)
        file = folder / f"{hashlib.sha256(key.encode()).hexdigest()}.md"
        if file.is_file():
            return file.read_text(encoding="utf8")
        markdown = convert(html, **options)
        file.write_text(markdown, encoding="utf8")
        return markdown

    cached.build_cache_wrapped = True  # type: ignore[attr-defined]
    return cached


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        module = importlib.import_module(LLMSTXT_MODULE)
        convert = getattr(module, LLMSTXT_FUNCTION)
    except (ImportError, AttributeError):
        log.info("build cache: llmstxt's %s not found, not cached", LLMSTXT_FUNCTION)
        return config
    if not getattr(convert, "build_cache_wrapped", False):  # `mkdocs serve` rebuilds
        salt = " ".join(
            importlib.metadata.version(dist) for dist in ("mkdocs-llmstxt", "mdformat")
        )
        setattr(
            module,
            LLMSTXT_FUNCTION,
            memoized(convert, cache_dir(config, "llmstxt"), salt),
        )
    return config


def on_env(
    env: jinja2.Environment, config: MkDocsConfig, files: Files
) -> jinja2.Environment:
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir(config, "jinja")))
    return env
