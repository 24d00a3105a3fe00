"""The exported skill: tested code only, no dead links, shipped in the site."""

import io
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from docsite import config, embeds, registry
from docsite.markdown import PageError, embedded
from hooks import skill_export

FENCE = re.compile(
    r"^(?P<indent> *)(?P<fence>`{3,})[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)\s*$",
    re.DOTALL | re.MULTILINE,
)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
BASES = config.load().snippet_bases


@pytest.fixture(scope="module")
def exported() -> dict[str, str]:
    return skill_export.build("https://docs.example.org/")


def _all_sections() -> set[str]:
    """The text of every embed on every page, as the page shows it."""
    return {"\n".join(embedded(e.path, e.section, BASES)) for e in embeds.site_embeds()}


def test_every_code_block_is_a_tested_snippet_section(exported: dict[str, str]) -> None:
    sections = _all_sections()
    typed = []
    for name, text in exported.items():
        for match in FENCE.finditer(text):
            body = textwrap.dedent(match["body"]).rstrip("\n")
            if body not in sections:
                typed.append(f"{name}: {body[:60]!r}")
    assert not typed, "code blocks that are not snippet sections:\n" + "\n".join(typed)


def test_no_dead_relative_links(exported: dict[str, str]) -> None:
    dead = []
    for name, text in exported.items():
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://")):
                continue
            file, _, fragment = target.partition("#")
            file = file.removeprefix("./") or name
            if file not in exported:
                dead.append(f"{name}: {target} (no such file)")
            elif fragment and f'<a id="{fragment}"></a>' not in exported[file]:
                dead.append(f"{name}: {target} (no such anchor)")
    assert not dead, "\n".join(dead)


def test_links_to_pages_outside_the_skill_go_to_the_site(
    exported: dict[str, str],
) -> None:
    assert "https://docs.example.org/testing-kit/" in exported["SKILL.md"]


def test_the_skill_has_the_seeds_purpose_and_keywords(exported: dict[str, str]) -> None:
    skill = exported["SKILL.md"]
    assert skill.startswith("# Inngest Workflow Skill")
    assert "**Invoke with:** `/inngest-workflow`" in skill
    assert "**Keywords:** inngest, ingest, workflow" in skill
    # The seed's sections, in the seed's order: concepts, quick reference,
    # event naming, the Genie IQ patterns.
    headings = [
        "## Purpose",
        "## Reference Files",
        "# Core concepts",
        "# Quick reference",
        "# Event naming",
        "# Genie IQ patterns",
    ]
    found = [skill.find(f"\n{h}") for h in headings]
    assert -1 not in found, dict(zip(headings, found, strict=True))
    assert found == sorted(found), "sections out of the seed's order"
    for file in ("inngest-create.md", "inngest-improve.md", "inngest-debug.md"):
        assert f"[{file}](./{file})" in skill


def test_the_site_ships_the_same_zip(built_site: Path) -> None:
    shipped = built_site / skill_export.ZIP_URI
    with zipfile.ZipFile(io.BytesIO(shipped.read_bytes())) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"inngest-workflow/{n}" for n in registry.SKILL)
        skill = archive.read("inngest-workflow/SKILL.md").decode()
    assert "```" in skill


def test_a_missing_page_or_section_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.SKILL, "inngest-debug.md", ["guides/nope.md"])
    with pytest.raises(PageError, match=r"page 'guides/nope\.md'"):
        skill_export.build()
    with pytest.raises(PageError, match="section 'nope' not found"):
        embedded("quick_reference/client.py", "nope", BASES)
    with pytest.raises(PageError, match=r"snippet file 'x\.py' not found"):
        embedded("x.py", None, BASES)


def test_the_hook_turns_export_errors_into_build_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    monkeypatch.setitem(registry.SKILL, "SKILL.md", ["missing.md"])
    config = MkDocsConfig()
    with pytest.raises(PluginError, match=r"skill export: page 'missing\.md'"):
        skill_export.on_files(Files([]), config)


def test_main_writes_the_folder_and_zip(tmp_path: Path) -> None:
    assert skill_export.main([str(tmp_path / "skill")]) == 0
    assert (tmp_path / "skill" / "SKILL.md").is_file()
    assert (tmp_path / "inngest-workflow-skill.zip").is_file()


def test_a_heading_with_an_id_keeps_the_blank_line_after_it(
    exported: dict[str, str],
) -> None:
    assert (
        '<a id="install"></a>\n\n## Install\n\nPython' in exported["inngest-create.md"]
    )
