"""The install commands on the skill page work on the zip the site ships."""

import shlex
import subprocess
import zipfile
from pathlib import Path

from docsite import registry
from docsite.paths import SNIPPETS
from hooks import skill_export

SCRIPT = (SNIPPETS / "skill" / "install.sh").read_text()


def test_unzipping_as_the_page_says_gives_the_skill_folder(tmp_path: Path) -> None:
    archive = tmp_path / "inngest-workflow-skill.zip"
    archive.write_bytes(skill_export.zip_bytes(skill_export.build()))
    home = tmp_path / "home"
    commands = [
        line
        for line in SCRIPT.split("[end:install]")[0].splitlines()[1:]
        if line and not line.startswith("#")
    ]
    for line in commands:
        argv = [a.replace("~", str(home)) for a in shlex.split(line.split("#")[0])]
        subprocess.run(argv, cwd=tmp_path, check=True, capture_output=True)
    folder = home / ".claude" / "skills" / "inngest-workflow"
    assert (folder / "SKILL.md").is_file()
    assert sorted(p.name for p in folder.iterdir()) == sorted(registry.SKILL)
    assert zipfile.is_zipfile(archive)


def test_make_skill_is_the_build_command() -> None:
    assert "make skill" in SCRIPT
