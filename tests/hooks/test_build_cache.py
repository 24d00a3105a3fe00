"""hooks/build_cache.py: Jinja keeps compiled templates between builds."""

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hooks import build_cache


def _config(tmp_path: Path) -> MkDocsConfig:
    return MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))


def test_jinja_gets_a_bytecode_cache(tmp_path: Path) -> None:
    env = build_cache.on_env(jinja2.Environment(), _config(tmp_path), Files([]))
    assert isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
    env.from_string("{{ 1 }}")  # strings are not cached; templates by name are
    assert (tmp_path / ".cache" / "build" / "jinja").is_dir()
