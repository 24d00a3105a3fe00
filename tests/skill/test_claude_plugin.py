"""The Claude Code plugin marketplace at the repository root installs the skill.

`.claude-plugin/marketplace.json` follows the shape of Inngest's own skills
repository (inngest/inngest-skills): a named marketplace, its owner, and one
plugin whose `skills` are folders of this repository.
"""

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

from docsite.markdown import FRONT_MATTER
from docsite.paths import ROOT, SNIPPETS

MARKETPLACE = ROOT / ".claude-plugin" / "marketplace.json"
COMMANDS = (SNIPPETS / "skill" / "claude-plugin.txt").read_text().splitlines()
KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Names Claude Code keeps for Anthropic's own marketplaces.
RESERVED = {
    "claude-code-marketplace",
    "claude-code-plugins",
    "claude-plugins-official",
    "anthropic-marketplace",
    "anthropic-plugins",
    "agent-skills",
}


@pytest.fixture(scope="module")
def marketplace() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MARKETPLACE.read_text())
    return data


def frontmatter(skill: Path) -> dict[str, Any]:
    match = FRONT_MATTER.match((skill / "SKILL.md").read_text())
    assert match is not None, f"{skill}/SKILL.md has no frontmatter"
    found: dict[str, Any] = yaml.safe_load(match["yaml"])
    return found


def test_the_marketplace_has_the_fields_claude_code_reads(
    marketplace: dict[str, Any],
) -> None:
    assert set(marketplace) == {"name", "metadata", "owner", "plugins"}
    assert KEBAB.fullmatch(marketplace["name"])
    assert marketplace["name"] not in RESERVED
    assert marketplace["owner"]["name"]
    assert marketplace["metadata"]["description"]
    [plugin] = marketplace["plugins"]
    assert set(plugin) == {
        "name",
        "description",
        "category",
        "source",
        "skills",
        "license",
    }
    assert KEBAB.fullmatch(plugin["name"])
    assert plugin["source"] == "./"  # the plugin is this repository
    assert plugin["license"] == "MIT-0"


def test_the_plugin_is_the_committed_skill(marketplace: dict[str, Any]) -> None:
    [plugin] = marketplace["plugins"]
    committed = sorted(p.parent for p in (ROOT / "skills").glob("*/SKILL.md"))
    listed = [(ROOT / plugin["source"] / path).resolve() for path in plugin["skills"]]
    assert listed == committed
    for skill in listed:
        assert frontmatter(skill)["name"] == skill.name == plugin["name"]


def test_the_page_installs_this_plugin_from_this_marketplace(
    marketplace: dict[str, Any],
) -> None:
    add, install = (shlex.split(line) for line in COMMANDS)
    assert add[:3] == ["/plugin", "marketplace", "add"]
    npx = (SNIPPETS / "skill" / "install.sh").read_text()
    assert f"npx skills add {add[3]} " in npx  # the same repository
    [plugin] = marketplace["plugins"]
    assert install == ["/plugin", "install", f"{plugin['name']}@{marketplace['name']}"]
