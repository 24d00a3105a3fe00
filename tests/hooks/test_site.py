"""hooks/site.py: MkDocs calls the post-build step, and names its errors."""

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from docsite import finish, registry
from docsite.paths import ROOT
from hooks import site


def test_mkdocs_knows_the_files_written_after_the_build(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    config.plugins._current_plugin = "site"  # as MkDocs sets it for a hook
    files = site.on_files(Files([]), config)
    assert sorted(f.src_uri for f in files) == sorted(finish.FILES)


def test_the_build_writes_the_artefacts_or_stops_naming_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    site.on_post_build(config)
    assert (tmp_path / "llms.txt").is_file()
    monkeypatch.setattr(registry, "SKILL_MD", "missing.md")
    with pytest.raises(PluginError, match=r"site artefacts: page 'missing\.md'"):
        site.on_post_build(config)
