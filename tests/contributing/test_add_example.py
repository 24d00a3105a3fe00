"""The maintainer commands on the contributing page exist and do what it says."""

import importlib.metadata
import re
import shlex
import subprocess

from docsite.paths import ROOT, SNIPPETS

SCRIPT = (SNIPPETS / "contributing" / "add_example.sh").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def test_every_make_target_on_the_page_exists() -> None:
    targets = {
        shlex.split(line)[1] for line in SCRIPT.splitlines() if line.startswith("make ")
    }
    assert targets == {
        "serve",
        "check",
        "test",
        "drift",
        "mutate",
        "mutate-report",
        "build",
        "skill",
    }
    for target in targets:
        assert re.search(rf"^{target}:", MAKEFILE, re.MULTILINE), target


def test_the_bump_command_matches_the_pin_in_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'"inngest==[0-9.]*"', pyproject)
    assert ".tools/bin/uv lock" in SCRIPT
    assert "UV := $(TOOLS)/bin/uv" in MAKEFILE
    assert "TOOLS := .tools" in MAKEFILE


def test_the_bump_command_moves_every_sdk_pin() -> None:
    bump = SCRIPT.split("[start:bump]")[1].split("[end:bump]")[0]
    pinned = [
        path
        for path in (
            ROOT / "pyproject.toml",
            SNIPPETS / "patterns" / "download" / "pyproject.toml",
        )
        if re.search(r'"inngest==[0-9.]+"', path.read_text())
    ]
    assert len(pinned) == 2
    for path in pinned:
        assert str(path.relative_to(ROOT)) in bump


def test_the_release_attaches_what_make_build_and_make_skill_write() -> None:
    release = SCRIPT.split("[start:release]")[1].split("[end:release]")[0]
    assert "--zip dist/inngest-workflow-skill.zip" in MAKEFILE  # make skill
    assert "dist/inngest-workflow-skill.zip" in release
    assert re.search(r"^build: venv\n.*mkdocs build --strict$", MAKEFILE, re.MULTILINE)
    assert '-m zipfile -c "dist/site-$TAG.zip" site/' in release
    assert 'gh release create "$TAG" "dist/site-$TAG.zip"' in release


def test_the_release_tag_names_the_pinned_sdk() -> None:
    release = SCRIPT.split("[start:release]")[1].split("[end:release]")[0]
    [tag_line] = [line for line in release.splitlines() if line.startswith("TAG=")]
    tag = subprocess.run(
        ["bash", "-c", f'{tag_line}\necho "$TAG"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert tag == f"inngest-{importlib.metadata.version('inngest')}"
