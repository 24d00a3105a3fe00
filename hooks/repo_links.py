"""MkDocs hook: link to a file of this repository (a test, a snippet) on GitHub.

`{{ repo:tests/guides/debug/test_production.py }}` in a page becomes
`<repo_url>/blob/main/tests/guides/debug/test_production.py`, built from
`repo_url` in mkdocs.yml (the `REPO_URL` environment variable overrides it),
so forks and renames need no page edits. The file must exist: a typo stops
the build with the page's name. Tests are not part of the site, so a
relative link out of docs/ would break `mkdocs build --strict`; this is the
link a reader can follow.

Runs before hooks/package_versions.py, which rejects unknown placeholders.
"""

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
BRANCH = "main"


def repo_link(repo_url: str, path: str) -> str:
    """The address of `path` on the default branch of `repo_url`."""
    return f"{repo_url.rstrip('/')}/blob/{BRANCH}/{path}"


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    root = Path(config.config_file_path).parent
    repo_url = config.repo_url

    def replace(match: re.Match[str]) -> str:
        kind, _, path = match.group(1).partition(":")
        if kind != "repo":
            return match.group(0)  # someone else's placeholder
        if not repo_url:
            raise PluginError(
                f"{page.file.src_path}: {match.group(0)!r} needs repo_url in mkdocs.yml"
            )
        if not path or not (root / path).is_file():
            raise PluginError(
                f"{page.file.src_path}: {match.group(0)!r} names no file of "
                f"this repository: {path!r}"
            )
        return repo_link(repo_url, path)

    return PLACEHOLDER.sub(replace, markdown)
