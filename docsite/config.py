"""What mkdocs.yml says, read without building: nav, snippet bases, redirects.

mkdocs.yml uses MkDocs' own YAML tag `!ENV` (and may use `!relative`),
so it is read with MkDocs' loader; `load_config` would also import plugins and
hooks, which a hook cannot do while it is being loaded.
"""

import dataclasses
import functools
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from docsite.paths import MKDOCS_YML

EMBEDS = "docsite.embeds"  # docsite/embeds.py: pymdownx.snippets, repository paths


class ConfigError(Exception):
    """mkdocs.yml does not have the shape this library expects."""


class NavEntry(NamedTuple):
    """One page in the nav: its tab/section ('' at the top), title and source."""

    section: str
    title: str
    src: str


@dataclasses.dataclass(frozen=True)
class SiteConfig:
    """The parts of mkdocs.yml the hooks and checks read (see `load`)."""

    path: Path
    site_name: str
    site_description: str
    # The repository's address: the one place that names it (links to tests and
    # sources, the skill's install command). Not read from the environment, so
    # the committed skill is the same whoever builds it.
    repo_url: str
    nav: tuple[NavEntry, ...]
    snippet_bases: tuple[Path, ...]
    redirects: dict[str, str]

    def nav_pages(self) -> list[str]:
        return [entry.src for entry in self.nav]

    def repo_slug(self) -> str:
        """`owner/name` of `repo_url` (what `npx skills add` takes)."""
        return "/".join(self.repo_url.rstrip("/").split("/")[-2:])

    def pages_url(self) -> str:
        return pages_url(self.repo_url)


def pages_url(repo_url: str) -> str:
    """The GitHub Pages address of the repository at `repo_url`
    (`https://owner.github.io/name/`), where the deploy workflow publishes the
    site: the canonical address of what it serves, for copies that leave it."""
    owner, name = repo_url.rstrip("/").split("/")[-2:]
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def load(path: Path = MKDOCS_YML) -> SiteConfig:
    """mkdocs.yml as a SiteConfig (cached per path; the file is read once)."""
    return _load(path.resolve())


@functools.cache
def _load(path: Path) -> SiteConfig:
    raw = read(path)
    return SiteConfig(
        path=path,
        site_name=text(raw, "site_name", path),
        site_description=" ".join(text(raw, "site_description", path).split()),
        repo_url=repo_url(raw, path),
        nav=tuple(nav_entries(raw.get("nav") or [], where=f"{path}: nav")),
        snippet_bases=snippet_bases(raw, path),
        redirects=redirects(raw, path),
    )


def text(raw: dict[str, Any], key: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: {key} must be set")
    return value


def repo_url(raw: dict[str, Any], path: Path) -> str:
    """`repo_url`, written out (`https://github.com/owner/name`)."""
    value = text(raw, "repo_url", path).rstrip("/")
    if not re.fullmatch(r"https://[\w.-]+/[\w.-]+/[\w.-]+", value):
        raise ConfigError(
            f"{path}: repo_url must be the repository's address, "
            f"https://github.com/<owner>/<name>, not {value!r}"
        )
    return value


def read(path: Path) -> dict[str, Any]:
    """The raw YAML, `!ENV` and `!relative` resolved as MkDocs resolves them."""
    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(path)))
    with path.open("rb") as file:
        return yaml_load(file, loader)


def nav_entries(items: list[Any], where: str, section: str = "") -> list[NavEntry]:
    """The nav tree flattened, in reading order."""
    found: list[NavEntry] = []
    for item in items:
        if not isinstance(item, dict) or len(item) != 1:
            raise ConfigError(f"{where}: expected 'Title: page.md', got {item!r}")
        [(title, value)] = item.items()
        if isinstance(value, str):
            found.append(NavEntry(section, str(title), value))
        elif isinstance(value, list):
            found += nav_entries(value, where, section or str(title))
        else:
            raise ConfigError(f"{where}: {title!r} is neither a page nor a section")
    return found


def snippet_bases(raw: dict[str, Any], path: Path) -> tuple[Path, ...]:
    """The embeds extension's `base_path` (docsite.embeds, pymdownx.snippets
    under another name), as absolute paths from mkdocs.yml's folder, in order."""
    for extension in raw.get("markdown_extensions", []):
        if isinstance(extension, dict) and EMBEDS in extension:
            bases = extension[EMBEDS].get("base_path", ["."])
            bases = bases if isinstance(bases, list) else [bases]
            return tuple(path.parent / os.fspath(base) for base in bases)
    raise ConfigError(f"{path}: no {EMBEDS} in markdown_extensions")


def redirects(raw: dict[str, Any], path: Path) -> dict[str, str]:
    """mkdocs-redirects' `redirect_maps`: old page -> new page (#fragment optional)."""
    table: Any = {}
    for plugin in raw.get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            table = (plugin["redirects"] or {}).get("redirect_maps") or {}
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        raise ConfigError(
            f"{path}: plugins.redirects.redirect_maps: expected 'old.md: new.md' lines"
        )
    return table
