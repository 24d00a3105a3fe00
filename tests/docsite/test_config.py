"""docsite.config reads mkdocs.yml as MkDocs does, and names what is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docsite import config
from docsite.paths import DOCS, ROOT

GOOD = """\
site_name: x
site_description: >-
  What the
  site is.
site_url: !ENV [NO_SUCH_VARIABLE_HERE, "http://x.test/"]
repo_url: https://github.com/owner/name/
markdown_extensions:
  - docsite.embeds:
      base_path: [snippets, .]
plugins:
  - search
  - redirects:
      redirect_maps:
        old.md: index.md
nav:
  - Home: index.md
  - Guides:
      - Create: guides/create.md
"""


def load_text(folder: Path, text: str) -> config.SiteConfig:
    """docsite.config.load() of a mkdocs.yml written with `text` in `folder`."""
    (folder / "mkdocs.yml").write_text(text)
    return config.load(folder / "mkdocs.yml")


def test_the_repository_config() -> None:
    site = config.load()
    assert site.nav_pages()[0] == "index.md"
    assert site.snippet_bases == (ROOT / "snippets", ROOT)
    assert site.repo_url.startswith("https://github.com/")


def test_tags_nav_and_tables(tmp_path: Path) -> None:
    site = load_text(tmp_path, GOOD)
    assert site.nav == (
        config.NavEntry("", "Home", "index.md"),
        config.NavEntry("Guides", "Create", "guides/create.md"),
    )
    assert site.snippet_bases == (tmp_path / "snippets", tmp_path)
    assert site.redirects == {"old.md": "index.md"}
    assert (site.site_name, site.site_description) == ("x", "What the site is.")
    assert site.repo_url == "https://github.com/owner/name"
    assert site.repo_slug() == "owner/name"
    assert config.read(tmp_path / "mkdocs.yml")["site_url"] == "http://x.test/"


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ("  - Home: index.md\n", "  - index.md\n", "expected 'Title: page.md'"),
        ("  - Home: index.md\n", "  - Home: 3\n", "neither a page nor a section"),
        ("  - docsite.embeds:", "  - pymdownx.snippets:", "no docsite.embeds"),
        ("        old.md: index.md", "        - old.md", "expected 'old.md: new.md'"),
        ("site_name: x\n", "", "site_name must be set"),
        (
            "https://github.com/owner/name/",
            "!ENV NO_SUCH_REPO_VAR",
            "repo_url must be set",
        ),
        ("https://github.com/owner/name/", "github.com/o/n", "must be the reposit"),
    ],
)
def test_a_bad_config_is_named(
    tmp_path: Path, before: str, after: str, message: str
) -> None:
    with pytest.raises(config.ConfigError, match=message):
        load_text(tmp_path, GOOD.replace(before, after))


def test_a_single_base_path_and_no_redirects(tmp_path: Path) -> None:
    text = GOOD.replace("[snippets, .]", "code").replace("  - redirects:", "  - x:")
    site = load_text(tmp_path, text)
    assert site.snippet_bases == (tmp_path / "code",)
    assert site.redirects == {}


def test_the_repository_is_named_in_mkdocs_yml_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The environment of a build (a fork's CI sets REPO_URL) changes nothing."""
    site = config.load()
    monkeypatch.setenv("REPO_URL", "https://github.com/acme/inngest-python-docs")
    monkeypatch.setenv("REPO_NAME", "acme/inngest-python-docs")
    assert config.read(site.path)["repo_url"] == site.repo_url
    assert config.read(site.path)["repo_name"] == site.repo_slug(), (
        "mkdocs.yml: repo_name must be repo_url's owner/name"
    )


def test_each_redirect_leaves_a_page_that_is_gone_for_one_that_exists() -> None:
    """mkdocs-redirects writes the pages; these are the checks it does not do."""
    table = config.load().redirects
    assert table, "mkdocs.yml plugins.redirects.redirect_maps is empty"
    for old, new in table.items():
        where = f"mkdocs.yml redirect_maps: {old}: {new}"
        assert not (DOCS / old).exists(), f"{where}: {old} still exists"
        assert (DOCS / new.partition("#")[0]).is_file(), f"{where}: no such page"


def test_another_repository_name_in_the_environment_changes_no_output(
    tmp_path: Path,
) -> None:
    """CI sets nothing, a fork's CI may set REPO_URL: the skill a build writes
    is the committed one either way (its links and install command come from
    mkdocs.yml alone)."""
    env = {
        **os.environ,
        "REPO_URL": "https://github.com/acme/inngest-python-docs",
        "REPO_NAME": "acme/inngest-python-docs",
    }
    subprocess.run(
        [sys.executable, "-m", "docsite.skill", str(tmp_path)],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    committed = ROOT / "skills" / "inngest-workflow"
    written = tmp_path / "inngest-workflow"
    names = sorted(p.relative_to(committed) for p in committed.rglob("*.md"))
    assert names == sorted(p.relative_to(written) for p in written.rglob("*.md"))
    assert all((written / n).read_text() == (committed / n).read_text() for n in names)
