"""docsite/placeholders.py: versions and repository links written into pages."""

from importlib import metadata
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest

from docsite import config, placeholders, step_cost
from docsite.paths import ROOT

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


def test_the_extension_expands_the_page_and_names_it_in_errors() -> None:
    md = markdown.Markdown(extensions=["docsite.placeholders"])
    html = md.convert("[t]({{ repo:tests/conftest.py }}) {{ version:inngest }}")
    repo = config.load().repo_url
    assert f'href="{repo}/blob/main/tests/conftest.py"' in html
    assert metadata.version("inngest") in html
    with pytest.raises(placeholders.PlaceholderError, match="the page '# Title'"):
        md.reset().convert("# Title\n\n{{ nope }}")
    with pytest.raises(placeholders.PlaceholderError, match=r"^a page: "):
        md.reset().convert("{{ nope }}")


def test_the_extension_takes_another_repository() -> None:
    md = markdown.Markdown(
        extensions=[placeholders.makeExtension(repo_url="https://x.test/a/b")]
    )
    assert "https://x.test/a/b/blob/main/README.md" in md.convert(
        "{{ repo:README.md }}"
    )


def test_embedded_code_is_not_expanded(tmp_path: Path) -> None:
    """Snippets are inserted after the expansion: code keeps its braces."""
    (tmp_path / "code.py").write_text('print(f"{{ version:inngest }}")\n')
    md = markdown.Markdown(
        extensions=["docsite.placeholders", "pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)]}},
    )
    html = md.convert('{{ version:inngest }}\n\n--8<-- "code.py"\n')
    assert "{{ version:inngest }}" in html
    assert metadata.version("inngest") in html


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
    path = "tests/docsite/test_placeholders.py"
    lines = (ROOT / path).read_text().splitlines()
    line = lines.index("def test_an_existing_file_becomes_a_repo_link() -> None:") + 1
    out = _expand(
        f"[test]({{{{ test:{path}::test_an_existing_file_becomes_a_repo_link }}}})"
    )
    assert out == f"[test]({REPO}blob/main/{path}#L{line})"


def test_plain_markdown_links_the_test_module_without_a_line() -> None:
    """The committed skill must not change when a test above a linked one grows."""
    path = "tests/docsite/test_placeholders.py"
    link = f"{{{{ test:{path}::test_an_existing_file_becomes_a_repo_link }}}}"
    out = placeholders.expand(link, where="page.md", repo_url=REPO, test_lines=False)
    assert out == f"{REPO}blob/main/{path}"
    with pytest.raises(placeholders.PlaceholderError, match="has no test named"):
        placeholders.expand(
            f"{{{{ test:{path}::test_nope }}}}",
            where="page.md",
            repo_url=REPO,
            test_lines=False,
        )


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "{{ test:tests/docsite/test_placeholders.py::test_nope }}",
            "has no test named",
        ),
        ("{{ test:tests/nope.py::test_a }}", "names no test module"),
        ("{{ test:hooks/placeholders.py::expand }}", "names no test module"),
        ("{{ test:tests/docsite/test_placeholders.py }}", "names no test module"),
    ],
)
def test_a_test_placeholder_for_a_missing_test_stops_the_build(
    markdown: str, message: str
) -> None:
    with pytest.raises(placeholders.PlaceholderError, match=message):
        _expand(markdown)
    with pytest.raises(placeholders.PlaceholderError, match="needs repo_url"):
        _expand(markdown, None)
