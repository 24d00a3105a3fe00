"""MkDocs hook: expand placeholders (docsite/placeholders.py says which:
versions, repository and test links, step-cost figures).

An unknown placeholder, package or file stops the build, naming the page.
"""

import sys
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path[:0] = [str(Path(__file__).resolve().parents[1])]  # MkDocs loads by path
from docsite.placeholders import PlaceholderError, expand  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["inngest_version"] = metadata.version("inngest")
    return config


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    try:
        return expand(markdown, where=page.file.src_path, repo_url=config.repo_url)
    except PlaceholderError as err:
        raise PluginError(str(err)) from None
