"""The two baselines of `make bench`: this site's Markdown under stock Material.

Both read mkdocs.yml and write a config for the same docs, nav and Markdown
extensions (the pages need them to render at all), with everything this
project adds taken away: no hooks (so no Pygments filter and no files written
after the build), no extra CSS or JavaScript, no template overrides, no
redirects, default search, and pymdownx.highlight with its default options.

- `stock`: Material as it comes, no theme features and no palette: what the
  content costs with nothing switched on.
- `features`: the same, plus the theme settings a reader sees, copied from
  mkdocs.yml as they are: `theme.features` (code copy, annotations, tabs,
  tooltips, instant navigation...), the palette and its toggle, the icons,
  and the repository link with its edit button. Nothing else of ours. A page
  of this site that is slower than this one costs more than Material's own
  features do.

One departure from stock in both: `font: false`, because stock Material loads
Roboto from Google Fonts and the bench runs with no other host reachable (this
site ships no web fonts either, so the comparison stays like for like).
"""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from docsite.paths import ROOT

BASELINES = ("stock", "features")
KEEP = ["site_name", "site_description", "nav", "validation"]
# What `features` adds: the settings behind what a reader sees of the theme.
THEME_SEEN = ["features", "palette", "icon"]
SITE_SEEN = ["repo_url", "repo_name", "edit_uri"]


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


def stock_config(
    site_url: str, root: Path = ROOT, baseline: str = "stock"
) -> dict[str, Any]:
    """The config of `baseline` (one of BASELINES) for `root`'s docs, as a dict
    for yaml.safe_dump."""
    if baseline not in BASELINES:
        raise ValueError(f"no baseline {baseline!r}: one of {', '.join(BASELINES)}")
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
    theme: dict[str, Any] = {"name": "material", "font": False}
    kept = list(KEEP)
    if baseline == "features":
        theme |= {key: ours["theme"][key] for key in THEME_SEEN if key in ours["theme"]}
        kept += SITE_SEEN
    return {
        **{key: ours[key] for key in kept if key in ours},
        "site_url": site_url,
        "docs_dir": str(root / "docs"),
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": extensions,
    }


def write(project: Path, site_url: str, baseline: str = "stock") -> Path:
    """Write `baseline`'s config into `project`; returns the mkdocs.yml path."""
    project.mkdir(parents=True, exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump(stock_config(site_url, baseline=baseline), sort_keys=False)
    )
    return config


def build(folder: Path, site_url: str) -> dict[str, Path]:
    """Write and build every baseline in `folder`/<name>, both at once (they
    share nothing); {name: its built site}. RuntimeError with mkdocs' output
    when one fails."""
    running = {}
    for name in BASELINES:
        config = write(folder / name, site_url, name)
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
        command += ["-d", str(folder / name / "site")]
        running[name] = (
            config,
            subprocess.Popen(command, stderr=subprocess.PIPE, text=True),
        )
    failed = []
    for name, (config, process) in running.items():
        _, errors = process.communicate()
        if process.returncode:
            failed.append(f"the {name} baseline ({config}) failed to build:\n{errors}")
    if failed:
        raise RuntimeError("\n".join(failed))
    return {name: folder / name / "site" for name in BASELINES}
