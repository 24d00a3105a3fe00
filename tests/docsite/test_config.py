"""docsite.config reads mkdocs.yml as MkDocs does, and names what is wrong."""

from pathlib import Path

import pytest

from docsite import config
from docsite.paths import ROOT

GOOD = """\
site_name: x
site_url: !ENV [NO_SUCH_VARIABLE_HERE, "http://x.test/"]
markdown_extensions:
  - pymdownx.snippets:
      base_path: [!relative $config_dir/snippets, !relative $config_dir]
plugins:
  - search
  - llmstxt:
      sections:
        Guides: [guides/*.md]
nav:
  - Home: index.md
  - Guides:
      - Create: guides/create.md
extra:
  redirects:
    old.md: index.md
"""


def load_text(folder: Path, text: str) -> config.SiteConfig:
    """docsite.config.load() of a mkdocs.yml written with `text` in `folder`."""
    (folder / "mkdocs.yml").write_text(text)
    return config.load(folder / "mkdocs.yml")


def test_the_repository_config() -> None:
    site = config.load()
    assert site.nav_pages()[0] == "index.md"
    assert site.snippet_bases == (ROOT / "snippets", ROOT)
    assert "Guides" in site.llms_sections


def test_tags_nav_and_tables(tmp_path: Path) -> None:
    site = load_text(tmp_path, GOOD)
    assert site.nav == (
        config.NavEntry("", "Home", "index.md"),
        config.NavEntry("Guides", "Create", "guides/create.md"),
    )
    assert site.snippet_bases == (tmp_path / "snippets", tmp_path)
    assert site.llms_sections == {"Guides": ["guides/*.md"]}
    assert site.redirects == {"old.md": "index.md"}
    assert config.read(tmp_path / "mkdocs.yml")["site_url"] == "http://x.test/"


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ("  - Home: index.md\n", "  - index.md\n", "expected 'Title: page.md'"),
        ("  - Home: index.md\n", "  - Home: 3\n", "neither a page nor a section"),
        ("  - pymdownx.snippets:", "  - pymdownx.other:", "no pymdownx.snippets"),
        ("  - llmstxt:", "  - other:", "no llmstxt in plugins"),
        ("    old.md: index.md", "    - old.md", "expected 'old.md: new.md' lines"),
    ],
)
def test_a_bad_config_is_named(
    tmp_path: Path, before: str, after: str, message: str
) -> None:
    with pytest.raises(config.ConfigError, match=message):
        load_text(tmp_path, GOOD.replace(before, after))


def test_a_single_base_path(tmp_path: Path) -> None:
    text = GOOD.replace(
        "[!relative $config_dir/snippets, !relative $config_dir]",
        "!relative $config_dir/code",
    )
    assert load_text(tmp_path, text).snippet_bases == (tmp_path / "code",)
