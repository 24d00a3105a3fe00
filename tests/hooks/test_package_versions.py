from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import package_versions


class _File:
    src_path = "page.md"


class _Page:
    file = _File()


def _render(markdown: str) -> str:
    return package_versions.on_page_markdown(markdown, _Page(), None, None)  # type: ignore[arg-type]


def test_version_placeholders_are_filled_from_installed_packages() -> None:
    assert (
        _render("inngest {{ version:inngest }}")
        == f"inngest {metadata.version('inngest')}"
    )


def test_unknown_placeholder_names_the_page() -> None:
    with pytest.raises(
        PluginError, match=r"page.md: unknown placeholder '\{\{ nope \}\}'"
    ):
        _render("{{ nope }}")


def test_unknown_package_names_the_page() -> None:
    with pytest.raises(
        PluginError, match=r"page\.md: .* names a package that is not installed"
    ):
        _render("{{ version:no-such-package-xyz }}")


def test_the_home_page_shows_the_pinned_version(built_site: Path) -> None:
    assert (
        f"inngest {metadata.version('inngest')}"
        in (built_site / "index.html").read_text()
    )
