"""hooks/app_download.py adds the reference app's zip to the site."""

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from docsite import app_download as download
from docsite import paths
from hooks import app_download


def test_the_hook_adds_the_zip_to_the_site(tmp_path: Path) -> None:
    config = load_config(str(paths.ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    config.plugins._current_plugin = "app_download"  # as MkDocs sets it for a hook
    files = app_download.on_files(Files([]), config)
    [zipped] = list(files)
    assert zipped.src_uri == download.ZIP_URI
    assert zipped.content_bytes == download.zip_bytes()


def test_a_download_error_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(download.FILES, "missing.py", "missing.py")
    with pytest.raises(PluginError, match=r"app download: .*missing\.py"):
        app_download.on_files(Files([]), MkDocsConfig())
