"""What mkdocs.yml says, read without building: nav, snippet bases, llms.txt.

mkdocs.yml uses MkDocs' own YAML tags (`!ENV`, `!relative $config_dir/...`),
so it is read with MkDocs' loader; `load_config` would also import plugins and
hooks, which a hook cannot do while it is being loaded.
"""

import dataclasses
import functools
import os
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from docsite.paths import MKDOCS_YML


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
    nav: tuple[NavEntry, ...]
    snippet_bases: tuple[Path, ...]
    llms_sections: dict[str, list[str]]
    redirects: dict[str, str]

    def nav_pages(self) -> list[str]:
        return [entry.src for entry in self.nav]


def load(path: Path = MKDOCS_YML) -> SiteConfig:
    """mkdocs.yml as a SiteConfig (cached per path; the file is read once)."""
    return _load(path.resolve())


@functools.cache
def _load(path: Path) -> SiteConfig:
    raw = read(path)
    return SiteConfig(
        path=path,
        nav=tuple(nav_entries(raw.get("nav") or [], where=f"{path}: nav")),
        snippet_bases=snippet_bases(raw, path),
        llms_sections=llms_sections(raw, path),
        redirects=redirects(raw.get("extra", {}).get("redirects"), where=str(path)),
    )


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
    """pymdownx.snippets' `base_path`, as absolute paths, in search order."""
    for extension in raw.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            bases = extension["pymdownx.snippets"].get("base_path", ["."])
            bases = bases if isinstance(bases, list) else [bases]
            return tuple(path.parent / os.fspath(base) for base in bases)
    raise ConfigError(f"{path}: no pymdownx.snippets in markdown_extensions")


def llms_sections(raw: dict[str, Any], path: Path) -> dict[str, list[str]]:
    """mkdocs-llmstxt's `sections`: heading -> page globs, in order."""
    for plugin in raw.get("plugins", []):
        if isinstance(plugin, dict) and "llmstxt" in plugin:
            return dict(plugin["llmstxt"].get("sections", {}))
    raise ConfigError(f"{path}: no llmstxt in plugins")


def redirects(table: Any, where: str) -> dict[str, str]:
    """`extra.redirects`: old page -> new page (with an optional #fragment)."""
    table = table or {}
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        raise ConfigError(f"{where} extra.redirects: expected 'old.md: new.md' lines")
    return table
