"""hooks/repo_links.py: `{{ repo:path }}` becomes a link built from repo_url."""

import importlib.util
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from tests.site.sources import ROOT

# Loaded by path, as MkDocs loads hooks (hooks/ is not a package).
_spec = importlib.util.spec_from_file_location(
    "repo_links", ROOT / "hooks" / "repo_links.py"
)
assert _spec is not None and _spec.loader is not None
repo_links: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(repo_links)


def _render(markdown: str, repo_url: str | None = "https://example.test/o/r/") -> str:
    config: Any = SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), repo_url=repo_url
    )
    page: Any = SimpleNamespace(file=SimpleNamespace(src_path="corrections.md"))
    files: Any = None
    out: str = repo_links.on_page_markdown(markdown, page, config, files)
    return out


def test_an_existing_file_becomes_a_repo_link() -> None:
    out = _render("[test]({{ repo:tests/conftest.py }}) {{ version:inngest }}")
    assert out == (
        "[test](https://example.test/o/r/blob/main/tests/conftest.py) "
        "{{ version:inngest }}"  # left for hooks/package_versions.py
    )


def test_a_missing_file_names_the_page_and_the_path() -> None:
    with pytest.raises(PluginError, match=r"corrections.md: .*'tests/nope.py'"):
        _render("{{ repo:tests/nope.py }}")


def test_no_repo_url_is_an_error() -> None:
    with pytest.raises(PluginError, match="needs repo_url"):
        _render("{{ repo:tests/conftest.py }}", repo_url=None)


def test_every_repo_link_on_the_site_names_a_file() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    links = [
        m.group(1).partition(":")[2]
        for page in pages
        for m in repo_links.PLACEHOLDER.finditer(page.read_text())
        if m.group(1).startswith("repo:")
    ]
    assert links, "corrections.md links to its tests with {{ repo:... }}"
    assert all(Path(ROOT / link).is_file() for link in links)
