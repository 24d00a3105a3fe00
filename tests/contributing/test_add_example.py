"""The maintainer commands on the contributing page exist and do what it says."""

import re
import shlex

from docsite.paths import ROOT, SNIPPETS

SCRIPT = (SNIPPETS / "contributing" / "add_example.sh").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def test_every_make_target_on_the_page_exists() -> None:
    targets = {
        shlex.split(line)[1] for line in SCRIPT.splitlines() if line.startswith("make ")
    }
    assert targets == {"serve", "check", "test", "drift", "mutate", "mutate-report"}
    for target in targets:
        assert re.search(rf"^{target}:", MAKEFILE, re.MULTILINE), target


def test_the_bump_command_matches_the_pin_in_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'"inngest==[0-9.]*"', pyproject)
    assert ".tools/bin/uv lock" in SCRIPT
    assert "UV := $(TOOLS)/bin/uv" in MAKEFILE
    assert "TOOLS := .tools" in MAKEFILE
