"""hooks/placeholders.py (docsite/placeholders.py): versions and repository links written into pages."""

from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from docsite import placeholders, step_cost
from docsite.paths import ROOT
from hooks import placeholders as hook

REPO = "https://example.test/o/r/"


def _expand(markdown: str, repo_url: str | None = REPO) -> str:
    return placeholders.expand(markdown, where="page.md", repo_url=repo_url)


def test_version_placeholders_are_filled_from_installed_packages() -> None:
    assert (
        _expand("inngest {{ version:inngest }}")
        == f"inngest {metadata.version('inngest')}"
    )


def test_an_existing_file_becomes_a_repo_link() -> None:
    out = _expand("[test]({{ repo:tests/conftest.py }})")
    assert out == "[test](https://example.test/o/r/blob/main/tests/conftest.py)"


def test_step_cost_placeholders_print_the_committed_data() -> None:
    data = step_cost.load()
    assert _expand("{{ step-cost:inngest:100:cpu }}") == step_cost.figure(
        data, "inngest", 100, "cpu"
    )


@pytest.mark.parametrize(
    ("markdown", "repo_url", "message"),
    [
        ("{{ nope }}", REPO, r"page\.md: unknown placeholder '\{\{ nope \}\}'"),
        (
            "{{ version:no-such-package-xyz }}",
            REPO,
            "names a package that is not installed",
        ),
        ("{{ repo:tests/nope.py }}", REPO, r"page\.md: .*'tests/nope\.py'"),
        ("{{ repo:tests/conftest.py }}", None, "needs repo_url"),
        ("{{ step-cost:chart }}", REPO, r"page\.md: .*unknown step-cost placeholder"),
    ],
)
def test_bad_placeholders_name_the_page(
    markdown: str, repo_url: str | None, message: str
) -> None:
    with pytest.raises(placeholders.PlaceholderError, match=message):
        _expand(markdown, repo_url)


def test_the_hook_turns_errors_into_build_errors() -> None:
    class _File:
        src_path = "page.md"

    class _Page:
        file = _File()

    class _Config:
        repo_url = REPO

    with pytest.raises(PluginError, match="unknown placeholder"):
        hook.on_page_markdown("{{ nope }}", _Page(), _Config(), None)  # type: ignore[arg-type]
    page = hook.on_page_markdown("{{ version:inngest }}", _Page(), _Config(), None)  # type: ignore[arg-type]
    assert page == metadata.version("inngest")


def test_templates_get_the_pinned_version() -> None:
    config = MkDocsConfig()
    assert hook.on_config(config).extra["inngest_version"] == metadata.version(
        "inngest"
    )


def test_every_repo_link_on_the_site_names_a_file() -> None:
    links = [
        m.group(1).partition(":")[2]
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for m in placeholders.PLACEHOLDER.finditer(page.read_text())
        if m.group(1).startswith("repo:")
    ]
    assert links, "corrections.md links to its tests with {{ repo:... }}"
    assert all(Path(ROOT / link).is_file() for link in links)


def test_the_home_page_shows_the_pinned_version(built_site: Path) -> None:
    assert (
        f"inngest {metadata.version('inngest')}"
        in (built_site / "index.html").read_text()
    )


def test_a_test_placeholder_links_the_line_of_the_test() -> None:
    path = "tests/hooks/test_placeholders.py"
    lines = (ROOT / path).read_text().splitlines()
    line = lines.index("def test_an_existing_file_becomes_a_repo_link() -> None:") + 1
    out = _expand(
        f"[test]({{{{ test:{path}::test_an_existing_file_becomes_a_repo_link }}}})"
    )
    assert out == f"[test]({REPO}blob/main/{path}#L{line})"


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("{{ test:tests/hooks/test_placeholders.py::test_nope }}", "has no test named"),
        ("{{ test:tests/nope.py::test_a }}", "names no test module"),
        ("{{ test:hooks/placeholders.py::expand }}", "names no test module"),
        ("{{ test:tests/hooks/test_placeholders.py }}", "names no test module"),
    ],
)
def test_a_test_placeholder_for_a_missing_test_stops_the_build(
    markdown: str, message: str
) -> None:
    with pytest.raises(placeholders.PlaceholderError, match=message):
        _expand(markdown)
    with pytest.raises(placeholders.PlaceholderError, match="needs repo_url"):
        _expand(markdown, None)
