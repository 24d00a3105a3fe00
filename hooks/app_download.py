"""MkDocs hook: the reference app's download, `downloads/leadflow.zip`.

The zip is made by `docsite/app_download.py`; added here as a generated file,
so the page's link to it is checked like any other and `mkdocs serve` serves it.
"""

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path[:0] = [str(Path(__file__).resolve().parents[1])]  # MkDocs loads by path
from docsite import app_download  # noqa: E402


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        content = app_download.zip_bytes()
    except app_download.DownloadError as err:
        raise PluginError(f"app download: {err}") from None
    files.append(File.generated(config, app_download.ZIP_URI, content=content))
    return files
