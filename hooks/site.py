"""MkDocs hook: the site-level artefacts (docsite/finish.py: Markdown copies,
llms.txt, the skill zip) after every build."""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docsite.changelog import ChangelogError
from docsite.finish import FILES, finish
from docsite.markdown import PageError
from docsite.placeholders import PlaceholderError


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Name the files `finish` writes (llms.txt, downloads), so that MkDocs checks
    a page's link to one; their content is written after the build."""
    for path in FILES:
        files.append(File.generated(config, path, content=b""))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    try:
        finish(Path(config.site_dir))
    except (PageError, PlaceholderError, ChangelogError) as err:
        raise PluginError(f"site artefacts: {err}") from None
