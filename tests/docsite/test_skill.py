"""The exported skill: a valid Agent Skill, tested code only, no dead links."""

import io
import posixpath
import re
import subprocess
import sys
import textwrap
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from docsite import config, embeds, markdown, paths, registry
from docsite import skill as skill_export
from docsite.markdown import Links, PageError, embedded

FENCE = re.compile(
    r"^(?P<indent> *)(?P<fence>`{3,})[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)\s*$",
    re.DOTALL | re.MULTILINE,
)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
AGENTSKILLS = Path(sys.executable).with_name("agentskills")


@pytest.fixture(scope="module")
def exported() -> dict[str, str]:
    return skill_export.build()


@pytest.fixture(scope="module")
def written(exported: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return skill_export.write(tmp_path_factory.mktemp("skill"), exported)


def _all_sections() -> set[str]:
    """The text of every embed on every page, as the page shows it, and of
    every module a page documents (the skill shows its source)."""
    modules = [m.replace(".", "/") + ".py" for m in embeds.site_api_modules()]
    return {
        *("\n".join(embedded(e.path, e.section)) for e in embeds.site_embeds()),
        *("\n".join(embedded(m.removeprefix("snippets/"), None)) for m in modules),
    }


def validate(folder: Path) -> subprocess.CompletedProcess[str]:
    """The Agent Skills reference validator (PyPI skills-ref), as its CLI runs."""
    return subprocess.run(
        [str(AGENTSKILLS), "validate", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_reference_validator_accepts_the_skill(written: Path) -> None:
    result = validate(written)
    assert result.returncode == 0, result.stdout + result.stderr
    assert written.name == skill_export.NAME == "inngest-workflow"


def test_the_validator_would_catch_a_skill_without_frontmatter(
    written: Path, tmp_path: Path
) -> None:
    broken = tmp_path / skill_export.NAME
    broken.mkdir()
    body = (written / "SKILL.md").read_text()
    (broken / "SKILL.md").write_text(markdown.FRONT_MATTER.sub("", body))
    result = validate(broken)
    assert result.returncode != 0
    assert "frontmatter" in result.stdout + result.stderr


def test_frontmatter_says_what_and_when_within_the_limits(
    exported: dict[str, str],
) -> None:
    _, meta = get_data(exported["SKILL.md"])
    assert meta["name"] == skill_export.NAME
    description = meta["description"]
    assert 0 < len(description) <= 1024, len(description)
    assert description.startswith("Write, extend, test and debug"), "what it does"
    assert "Use when" in description, "when to use it"
    assert f"inngest SDK {metadata.version('inngest')}" in description


def test_the_body_is_within_the_500_line_budget(exported: dict[str, str]) -> None:
    lines = skill_export.body_lines(exported["SKILL.md"])
    assert lines <= skill_export.MAX_SKILL_LINES == 500, (
        f"SKILL.md body is {lines} lines: move material into references/"
    )
    assert skill_export.body_lines("no frontmatter\n") == 1


def test_skill_md_holds_concepts_rules_and_a_reference_per_task(
    exported: dict[str, str],
) -> None:
    skill = exported["SKILL.md"]
    order = ["## Which reference to open", "## Rules that prevent", "# Core concepts"]
    found = [skill.find(f"\n{heading}") for heading in order]
    assert -1 not in found, dict(zip(order, found, strict=True))
    assert found == sorted(found), dict(zip(order, found, strict=True))
    references = [name for name in exported if name.startswith("references/")]
    assert sorted(exported) == sorted(
        ["SKILL.md", *references, "assets/inngest_kit.py"]
    )
    for name in references:
        assert f"| [{name}]({name}) |" in skill, f"SKILL.md does not point to {name}"
    for task in ("create", "improve", "debug", "quick-reference", "decisions"):
        assert f"references/{task}.md" in exported


def test_every_guide_of_the_nav_is_a_reference() -> None:
    guides = [e.src for e in config.load().nav if e.section == registry.GUIDES]
    manifest = registry.skill_manifest()
    assert [registry.reference_name(g) for g in guides if g != registry.SKILL_MD] == [
        name for name in manifest if name.startswith("references/")
    ][: len(guides) - 1]


def _made_of_sections(lines: list[str], by_first: dict[str, list[list[str]]]) -> bool:
    """Whether `lines` are one or more snippet sections, one after another
    (a page may embed two sections in one block)."""
    reachable = {0}
    for start in range(len(lines)):
        if start not in reachable:
            continue
        for candidate in by_first.get(lines[start], []):
            if lines[start : start + len(candidate)] == candidate:
                reachable.add(start + len(candidate))
    return len(lines) in reachable


def test_every_code_block_is_a_tested_snippet_section(exported: dict[str, str]) -> None:
    by_first: dict[str, list[list[str]]] = {}
    for text in _all_sections():
        lines = text.split("\n")
        by_first.setdefault(lines[0], []).append(lines)
    typed = []
    for name, text in exported.items():
        for match in FENCE.finditer(text):
            body = textwrap.dedent(match["body"]).rstrip("\n")
            if not _made_of_sections(body.split("\n"), by_first):
                typed.append(f"{name}: {body[:60]!r}")
    assert not typed, "code blocks that are not snippet sections:\n" + "\n".join(typed)


def test_no_dead_relative_links(exported: dict[str, str]) -> None:
    dead = []
    for name, text in exported.items():
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://")):
                continue
            file, _, fragment = target.partition("#")
            file = posixpath.normpath(posixpath.join(posixpath.dirname(name), file))
            file = name if file == "." or not target.partition("#")[0] else file
            if file not in exported:
                dead.append(f"{name}: {target} (no such file)")
            elif fragment and f'<a id="{fragment}"></a>' not in exported[file]:
                dead.append(f"{name}: {target} (no such anchor)")
    assert not dead, "\n".join(dead)


def test_links_are_relative_to_the_file_that_holds_them(
    exported: dict[str, str],
) -> None:
    assert "](references/debug.md#old-signature)" in exported["SKILL.md"]
    assert "](#execution)" in exported["SKILL.md"]
    assert "](../SKILL.md#execution)" in exported["references/create.md"]


def test_a_link_to_a_page_outside_the_skill_goes_to_its_source() -> None:
    links = Links(here="SKILL.md", pages={}, repo_url="https://git.example.org/docs")
    text = markdown.plain_markdown(
        "See [contributing](contributing.md#checks).", page="index.md", links=links
    )
    assert text == (
        "See [contributing](https://git.example.org/docs/blob/main/docs/"
        "contributing.md#checks).\n"
    )
    with pytest.raises(PageError, match=r"links to 'nope\.md'"):
        markdown.plain_markdown("[x](nope.md)", page="index.md", links=links)


def test_the_testing_kit_is_a_file_of_the_skill(exported: dict[str, str]) -> None:
    # The file the site serves as a download, linked where the page shows the API.
    kit = exported["assets/inngest_kit.py"]
    assert kit == (paths.ROOT / "inngest_kit.py").read_text()
    assert "](../assets/inngest_kit.py)" in exported["references/testing-kit.md"]
    assert "](assets/inngest_kit.py)" in exported["SKILL.md"]
    assert "class Executor" not in exported["references/testing-kit.md"]


@pytest.mark.sdk_pin
def test_the_committed_skill_is_current(exported: dict[str, str]) -> None:
    folder = skill_export.COMMITTED / skill_export.NAME
    on_disk = {
        p.relative_to(folder).as_posix(): p.read_text()
        for p in folder.rglob("*")
        if p.is_file()
    }
    stale = sorted(
        name
        for name in on_disk.keys() | exported.keys()
        if on_disk.get(name) != exported.get(name)
    )
    assert not stale, f"skills/{skill_export.NAME} is stale ({stale}): run `make skill`"
    assert validate(folder).returncode == 0


def test_the_site_ships_the_committed_skill_as_a_zip(
    built_site: Path, exported: dict[str, str]
) -> None:
    shipped = built_site / skill_export.ZIP_URI
    with zipfile.ZipFile(io.BytesIO(shipped.read_bytes())) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"{skill_export.NAME}/{n}" for n in exported)
        skill = archive.read(f"{skill_export.NAME}/SKILL.md").decode()
    assert skill == exported["SKILL.md"]


def test_a_missing_page_or_section_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "SKILL_MD", "nope.md")
    with pytest.raises(PageError, match=r"page 'nope\.md'"):
        skill_export.build()
    with pytest.raises(PageError, match="section 'nope' not found"):
        embedded("quick_reference/client.py", "nope")
    with pytest.raises(PageError, match=r"snippet file 'x\.py' not found"):
        embedded("x.py", None)


def test_a_page_without_title_or_description_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "bare.md").write_text("no title here\n")
    monkeypatch.setattr(paths, "DOCS", tmp_path)
    with pytest.raises(PageError, match=r"docs/bare\.md needs"):
        markdown.page_facts("bare.md")


def test_a_header_without_frontmatter_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    header = tmp_path / "skill_header.md"
    header.write_text("# No frontmatter\n")
    monkeypatch.setattr(skill_export, "HEADER", header)
    with pytest.raises(PageError, match="must start with the skill"):
        skill_export.build()


def test_main_writes_the_folder_and_zip_and_drops_stale_files(tmp_path: Path) -> None:
    stale = tmp_path / "out" / skill_export.NAME / "inngest-debug.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old layout")
    archive = tmp_path / "zips" / "skill.zip"
    assert skill_export.main([str(tmp_path / "out"), "--zip", str(archive)]) == 0
    folder = tmp_path / "out" / skill_export.NAME
    assert (folder / "SKILL.md").is_file()
    assert (folder / "references" / "create.md").is_file()
    assert not stale.exists()
    assert zipfile.is_zipfile(archive)


def test_a_heading_with_an_id_keeps_the_blank_line_after_it(
    exported: dict[str, str],
) -> None:
    assert (
        '<a id="install"></a>\n\n## Install\n\nPython'
        in exported["references/create.md"]
    )


def test_content_tabs_become_titled_blocks_one_after_the_other() -> None:
    text = (
        '=== "One"\n\n    ``` python\n    a = 1\n    ```\n\n=== "Two"\n\n    b\n\nafter'
    )
    assert markdown.tabs_as_titles(text) == (
        "**One**\n\n``` python\na = 1\n```\n\n**Two**\n\nb\n\nafter"
    )
    nested = '- item\n\n    === "In a list"\n\n        code\n'
    assert markdown.tabs_as_titles(nested) == "- item\n\n    **In a list**\n\n    code"
