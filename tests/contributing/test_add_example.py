"""The maintainer commands on the contributing page exist and do what it says."""

import importlib.metadata
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from docsite.paths import ROOT, SNIPPETS

SCRIPT_PATH = SNIPPETS / "contributing" / "add_example.sh"
SCRIPT = SCRIPT_PATH.read_text()
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


# Every way a file pins the SDK: a requirement, the kit's constant, and the
# SDK's own name for itself in a recorded sync request.
PIN = re.compile(r'inngest(?:\[connect\])?==\d|INNGEST_VERSION = "\d|"py:v\d')
NOT_PINS = {
    "tests/tools/test_drift.py": "a made-up `pip freeze` output",
    "tools/search_blind.toml": "when the set was written, not a pin",
    "tools/search_blind_2.toml": "when the set was written, not a pin",
    "tools/search_blind_3.toml": "when the set was written, not a pin",
    "tools/search_answers.toml": "a set's query as a reader typed it, not a pin",
}


def places_that_pin_the_sdk() -> set[str]:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return {
        name
        for name in tracked
        if not name.startswith("skills/")  # `make skill` writes it
        and name not in NOT_PINS
        and (ROOT / name).is_file()
        and PIN.search((ROOT / name).read_text(errors="replace"))
    }


def bump_lines() -> list[str]:
    bump = SCRIPT.split("[start:bump]")[1].split("[end:bump]")[0]
    return bump.splitlines()[1:-1]


def test_the_bump_command_names_every_file_that_pins_the_sdk() -> None:
    named = set(
        re.findall(r"[\w./-]+\.(?:toml|py|sh|json|md)\b", "\n".join(bump_lines()))
    )
    missing = places_that_pin_the_sdk() - named
    assert not missing, f"the bump command in {SCRIPT_PATH} misses: {sorted(missing)}"
    assert named <= places_that_pin_the_sdk() | {"add_example.sh"}


def test_the_bump_command_moves_every_sdk_pin(tmp_path: Path) -> None:
    tested = importlib.metadata.version("inngest")
    for name in places_that_pin_the_sdk():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    edit = [line for line in bump_lines() if not line.startswith((".tools/", "make "))]
    script = "\n".join(edit).replace("NEW=", "NEW=9.9.9 # ", 1)
    subprocess.run(["bash", "-euc", script], cwd=tmp_path, check=True)
    for name in places_that_pin_the_sdk():
        before = (ROOT / name).read_text()
        after = (tmp_path / name).read_text()
        assert tested in before
        pins = [m.group(0) for m in re.finditer(f"(?:{PIN.pattern})[\\d.]*", after)]
        assert pins, name
        assert all(pin.endswith("9.9.9") for pin in pins), (name, pins)
        assert after.replace("9.9.9", tested) == before, name


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
