"""MkDocs hook: write installed package versions into pages.

`{{ version:inngest }}` in any page becomes the version of the installed
`inngest` distribution, so "tested with" lines can never drift from the lock.
An unknown placeholder or package stops the build with the page's name.
"""

import re
from importlib import metadata

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["inngest_version"] = metadata.version("inngest")
    return config


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    def replace(match: re.Match[str]) -> str:
        kind, _, name = match.group(1).partition(":")
        if kind != "version" or not name:
            raise PluginError(
                f"{page.file.src_path}: unknown placeholder {match.group(0)!r}; "
                "use {{ version:<package> }}"
            )
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            raise PluginError(
                f"{page.file.src_path}: {match.group(0)!r} names a package "
                f"that is not installed: {name!r}"
            ) from None

    return PLACEHOLDER.sub(replace, markdown)
