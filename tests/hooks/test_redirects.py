"""hooks/redirects.py: a bad redirect stops the build, naming the line."""

import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hooks import redirects


def files(tmp_path: Path, *names: str) -> Files:
    for name in names:
        (tmp_path / name).write_text("# x\n")
    return Files([File(n, str(tmp_path), str(tmp_path / "out"), True) for n in names])


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"old.md": "missing.md"}, "no page 'missing.md' in docs/"),
        ({"here.md": "here.md"}, "here.md still exists"),
        (["not", "a", "table"], "expected 'old.md: new.md' lines"),
    ],
)
def test_bad_redirect_stops_the_build_naming_the_line(
    tmp_path: Path, table: Any, message: str
) -> None:
    config = MkDocsConfig()
    config.extra = {"redirects": table}  # type: ignore[assignment]
    with pytest.raises(PluginError, match=re.escape(message)):
        redirects.on_files(files(tmp_path, "here.md"), config)


def test_the_old_url_gets_a_page_that_sends_the_reader_on(tmp_path: Path) -> None:
    config = MkDocsConfig()
    config["extra"] = {"redirects": {"a/old.md": "new.md#part"}}
    config["site_dir"] = str(tmp_path / "out")
    config["site_url"] = "https://x.test/docs/"
    redirects.on_files(files(tmp_path, "new.md"), config)
    redirects.on_post_build(config)
    written = (tmp_path / "out" / "a" / "old" / "index.html").read_text()
    assert 'content="0; url=../../new/#part"' in written
    assert 'href="https://x.test/docs/new/#part"' in written
    assert "moved to <a" in written
