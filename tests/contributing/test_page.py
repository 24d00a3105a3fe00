"""The contributing page and the README name checks and paths that exist, so
their recipes can be followed as written."""

import re

import pytest

from docsite.paths import DOCS, ROOT

TEXTS = {
    "docs/contributing.md": DOCS / "contributing.md",
    "README.md": ROOT / "README.md",
}
# `tests/site/conftest.py`, `snippets/<folder>/`, `docs/<page>.md`, `mkdocs.yml`
PATH = re.compile(
    r"`((?:tests|snippets|hooks|tools|docsite|docs)/[\w/.<>-]*|[\w-]+\.(?:yml|toml))`"
)
TEMPLATE = re.compile(r"<[\w-]+>")


def named_paths(text: str) -> list[str]:
    return [m for m in PATH.findall(text) if not m.startswith("docs/assets")]


def exists(path: str) -> bool:
    """A plain path exists; one with `<placeholders>` matches some real path."""
    if not TEMPLATE.search(path):
        return (ROOT / path).exists()
    pattern = TEMPLATE.sub("*", path.rstrip("/"))
    return any(ROOT.glob(pattern))


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_path_a_recipe_names_exists(name: str) -> None:
    named = named_paths(TEXTS[name].read_text())
    assert len(named) >= 10, named
    missing = [path for path in named if not exists(path)]
    assert not missing, f"{name} names paths that do not exist: {missing}"


def test_adding_a_page_is_five_steps_that_start_with_the_scaffold() -> None:
    text = TEXTS["docs/contributing.md"].read_text()
    recipe = text.split("## Add a page {#add-a-page}", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^\d+\.\s", recipe, re.M)
    assert 1 < len(steps) <= 5, f"the add-a-page recipe has {len(steps)} steps"
    assert "`make new-page PAGE=" in recipe
    assert re.search(r"^new-page:", (ROOT / "Makefile").read_text(), re.M)


def test_a_template_path_must_match_something() -> None:
    assert exists("tests/<page>/test_page.py")
    assert not exists("tests/<page>/test_nothing_like_this.py")
    assert not exists("tests/no_such_file.py")
