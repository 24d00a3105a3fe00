"""The install commands on the skill page, run as the page shows them."""

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docsite import config
from docsite import skill as skill_export
from docsite.paths import DOCS, ROOT, SNIPPETS

SCRIPT = SNIPPETS / "skill" / "install.sh"
# `| Agent | ~/personal | project |` rows of the table on the skill page.
ROW = re.compile(r"^\| [^|]+ \| `(?P<personal>~/[^`]+)` \| `(?P<project>[^`]+)` \|$")


def shell_section(name: str) -> str:
    text = SCRIPT.read_text()
    return text.split(f"[start:{name}]")[1].split("\n", 1)[1].split("# --8<--")[0]


def run(script: str, cwd: Path, home: Path) -> str:
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def agent_folders() -> list[tuple[str, str]]:
    rows = [ROW.match(line) for line in (DOCS / "skill.md").read_text().splitlines()]
    return [(m["personal"], m["project"]) for m in rows if m]


@pytest.fixture(scope="module")
def zip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("download")
    archive = folder / "inngest-workflow-skill.zip"
    archive.write_bytes(skill_export.zip_bytes(skill_export.build()))
    assert zipfile.is_zipfile(archive)
    return folder


def test_the_page_lists_the_common_agents() -> None:
    folders = agent_folders()
    assert len(folders) >= 6, folders
    assert ("~/.claude/skills", ".claude/skills") in folders


def all_folders() -> list[str]:
    """Both columns of the table: per-user folders and per-project folders."""
    return sorted({folder for row in agent_folders() for folder in row})


@pytest.mark.parametrize("skills_dir", all_folders())
def test_unzipping_as_the_page_says_installs_the_skill(
    skills_dir: str, zip_dir: Path, tmp_path: Path
) -> None:
    # A per-project folder is relative: the commands run in the project, next to the zip.
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(zip_dir / "inngest-workflow-skill.zip", project)
    home = tmp_path / "home"
    script = shell_section("zip").replace("~/.claude/skills", skills_dir, 1)
    listing = run(script, cwd=project, home=home).split()
    assert listing == ["SKILL.md", "assets", "references"]
    base = (
        home / skills_dir.removeprefix("~/")
        if skills_dir.startswith("~/")
        else project / skills_dir
    )
    folder = base / skill_export.NAME
    assert (folder / "SKILL.md").is_file()
    assert (folder / "references" / "create.md").is_file()
    assert (folder / "assets" / "inngest_kit.py").is_file()


def test_copying_from_a_clone_installs_the_committed_skill(tmp_path: Path) -> None:
    run(shell_section("clone"), cwd=ROOT, home=tmp_path)
    folder = tmp_path / ".claude" / "skills" / skill_export.NAME
    assert sorted(p.name for p in folder.iterdir()) == [
        "SKILL.md",
        "assets",
        "references",
    ]


def test_the_validate_command_accepts_the_committed_skill(tmp_path: Path) -> None:
    assert "Valid skill" in run(shell_section("validate"), cwd=ROOT, home=tmp_path)


def test_the_skills_cli_command_names_this_repository_and_skill() -> None:
    """Not run (it needs the network): it names the repository of mkdocs.yml's
    repo_url (never the build's environment) and the skill folder the tests
    validate."""
    command = shell_section("skills-cli").split()
    assert command[:3] == ["npx", "skills", "add"]
    assert command[3] == config.load().repo_slug(), (
        "snippets/skill/install.sh: name the repository of mkdocs.yml's repo_url"
    )
    assert command[4:] == ["--skill", skill_export.NAME]
    assert (skill_export.COMMITTED / skill_export.NAME / "SKILL.md").is_file()


def test_make_skill_is_the_build_command() -> None:
    assert shell_section("build").strip() == "make skill"
    assert "docsite.skill skills" in (ROOT / "Makefile").read_text()
