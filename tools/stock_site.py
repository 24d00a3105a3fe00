"""The fair baseline for `make bench`: this site's Markdown under stock Material.

Reads mkdocs.yml and writes a config for the same docs, nav and Markdown
extensions (the pages need them to render at all), with everything this
project adds taken away: no hooks, no extra CSS or JavaScript, no template
overrides, no theme features or palette, no llmstxt plugin, default search,
and pymdownx.highlight with its default options. So the ratio of the two
builds is what the project's own choices cost, not what its content costs.

One departure from stock: `font: false`, because stock Material loads Roboto
from Google Fonts and the bench runs with no other host reachable (this site
ships no web fonts either, so the comparison stays like for like).
"""

import os
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from docsite.paths import ROOT

KEEP = ["site_name", "site_description", "nav", "validation"]


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    """mkdocs.yml's own tags: !ENV [NAME, default] and !relative $config_dir/x."""


def _env(loader: Any, node: Any) -> Any:
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[v] for v in variables if v in os.environ), default)


def _relative(loader: Any, node: Any) -> str:
    path = str(loader.construct_scalar(node))
    return str(ROOT / path.replace("$config_dir", ".")).rstrip("/.")


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)


def stock_config(site_url: str, root: Path = ROOT) -> dict[str, Any]:
    """The stock-Material config for `root`'s docs, as a dict for yaml.safe_dump."""
    ours = yaml.load((root / "mkdocs.yml").read_text(), Loader=_Loader)
    extensions = []
    for entry in ours["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        extensions.append(
            "pymdownx.highlight" if name == "pymdownx.highlight" else entry
        )
    plugins: list[Any] = ["search"]
    for entry in ours.get("plugins", []):
        if isinstance(entry, dict) and "mkdocstrings" in entry:
            handler = entry["mkdocstrings"]["handlers"]["python"]
            handler["paths"] = [str(root / p) for p in handler.get("paths", ["."])]
            plugins.append(entry)
    return {
        **{key: ours[key] for key in KEEP if key in ours},
        "site_url": site_url,
        "docs_dir": str(root / "docs"),
        "theme": {"name": "material", "font": False},
        "plugins": plugins,
        "markdown_extensions": extensions,
    }


def write(project: Path, site_url: str) -> Path:
    """Write the stock config into `project`; returns the mkdocs.yml path."""
    project.mkdir(parents=True, exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(yaml.safe_dump(stock_config(site_url), sort_keys=False))
    return config
