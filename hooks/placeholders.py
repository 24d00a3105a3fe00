"""MkDocs hook: expand placeholders (docsite/placeholders.py says which:
versions, repository and test links, step-cost figures).

An unknown placeholder, package or file stops the build, naming the page.
"""

from importlib import metadata

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from docsite.placeholders import PlaceholderError, expand


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
