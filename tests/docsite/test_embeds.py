"""docsite.embeds reads embeds and sections the way pymdownx.snippets does."""

from pathlib import Path

import pytest

from docsite import embeds
from docsite.paths import ROOT, SNIPPETS

CODE = """\
import x

# --8<-- [start:outer]
def f() -> None:
    # --8<-- [start:inner]
    return None
    # --8<-- [end:inner]
# --8<-- [end:outer]
"""


@pytest.fixture
def code(tmp_path: Path) -> Path:
    path = tmp_path / "code.py"
    path.write_text(CODE)
    return path


def test_embed_lines_with_and_without_section() -> None:
    text = 'x\n    --8<-- "a/b.py:one"\n-8<- "c.sh"\n'
    found = list(embeds.embeds_in(text, "p.md"))
    assert found == [
        embeds.Embed("p.md", 2, "a/b.py", "one", "    "),
        embeds.Embed("p.md", 3, "c.sh", None, ""),
    ]
    assert found[0].where() == "docs/p.md:2 embeds 'a/b.py:one'"


def test_api_modules_and_their_files() -> None:
    assert embeds.api_modules_in("::: inngest_kit\ntext") == ["inngest_kit"]
    kit = embeds.module_file(ROOT, "inngest_kit")
    assert kit == ROOT / "inngest_kit.py"
    package = embeds.module_file(ROOT, "snippets.leadflow")
    assert package == SNIPPETS / "leadflow" / "__init__.py"


def test_sections_nest_and_markers_are_dropped(code: Path) -> None:
    assert embeds.sections(code) == {"outer", "inner"}
    assert embeds.section_text(code, "inner") == "return None"
    assert embeds.section_lines(code, "outer") == [
        "def f() -> None:",
        "    return None",
    ]
    assert embeds.section_text(code, None).startswith("import x\n\ndef f()")
    assert embeds.all_sections(code) == {
        "inner": "return None",
        "outer": "def f() -> None:\n    return None",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# --8<-- [end:a]\n", r"code.py:1: \[end:a\] without \[start:a\]"),
        ("# --8<-- [start:a]\n", r"sections never closed: \['a'\]"),
        ("x = 1\n", "no '# --8<-- \\[start:NAME\\]' sections found"),
    ],
)
def test_bad_sections_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "code.py"
    path.write_text(text)
    with pytest.raises(embeds.SnippetError, match=message):
        embeds.all_sections(path)


def test_a_missing_section_is_named(code: Path) -> None:
    with pytest.raises(embeds.SnippetError, match="section 'nope' not found"):
        embeds.section_lines(code, "nope")


def test_resolve_searches_the_base_paths_in_order(code: Path) -> None:
    assert embeds.resolve("code.py", [code.parent / "none", code.parent]) == code
    assert embeds.resolve("nope.py", [code.parent]) is None
    assert (
        embeds.resolve("testing_kit/examples.py")
        == SNIPPETS / "testing_kit/examples.py"
    )
    assert embeds.resolve("pyproject.toml") == ROOT / "pyproject.toml"


def test_the_site_has_embeds_and_api_pages() -> None:
    assert any(e.page == "quick-reference.md" for e in embeds.site_embeds())
    assert "inngest_kit" in embeds.site_api_modules()


def test_the_extension_finds_snippets_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import markdown  # type: ignore[import-untyped]

    monkeypatch.chdir(tmp_path)
    md = markdown.Markdown(
        extensions=["docsite.embeds"],
        extension_configs={"docsite.embeds": {"base_path": "snippets"}},
    )
    html = md.convert('--8<-- "quick_reference/client.py:client"\n')
    assert "inngest.Inngest(" in html
    assert embeds.base_paths(["snippets", "."], tmp_path) == [
        tmp_path / "snippets",
        tmp_path,
    ]
