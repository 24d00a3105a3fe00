"""MkDocs hook: every page's facts (docsite/page_facts.py: the tested SDK
version and the last-changed date) into its metadata, and the date into
sitemap.xml's `<lastmod>`."""

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from docsite.page_facts import facts, history


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    history.cache_clear()  # `mkdocs serve` sees new commits
    return config


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if page.file.abs_src_path is None:  # a generated page: no source to date
        return markdown
    root = Path(config.config_file_path).parent
    found = facts(markdown, Path(page.file.abs_src_path), root)
    page.meta.update(found)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", found["last_changed"]):
        page.update_date = found["last_changed"]  # sitemap.xml <lastmod>
    return markdown
