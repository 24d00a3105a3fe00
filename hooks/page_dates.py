"""MkDocs hook: date every page from git.

A page's "last changed" date is the committer date (`git log -1 --format=%cs`)
of the newest commit touching the page or any snippet module it embeds or
documents, so fixing an example re-dates the page that shows it. The date is
shown at the foot of the page (overrides/main.html) and is the
page's `<lastmod>` in sitemap.xml.

A shallow clone (CI checks out with `fetch-depth: 0`, but `--depth 1` works
too) gives the date of the newest commit available, never an error. Without
git, or for a file never committed, the page says so instead of showing a date.
"""

import functools
import logging
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from docsite import config as site_config
from docsite.embeds import api_modules_in, embeds_in, module_file, resolve

log = logging.getLogger("mkdocs.hooks.page_dates")
LOG_OPTIONS = ["--format=@%cs", "--name-only", "--relative"]
UNKNOWN_NO_GIT = "unknown (built without git)"
UNKNOWN_UNCOMMITTED = "not committed yet"


def sources(
    markdown: str, page_file: Path, root: Path, bases: Sequence[Path]
) -> list[Path]:
    """The page's own file plus every snippet file it embeds or module it documents."""
    found = [page_file]
    for embed in embeds_in(markdown):
        found.append(resolve(embed.path, bases) or bases[0] / embed.path)
    found += [module_file(root, module) for module in api_modules_in(markdown)]
    return found


def last_changed(paths: list[Path], cwd: Path) -> str:
    """`YYYY-MM-DD` of the newest commit touching `paths`, or why there is none.

    The same answer as `git log -1 --format=%cs -- <paths>`, read from one
    `git log` of the whole repository per build instead of one per page
    (fifteen git processes were a third of a second of every build).
    """
    git = shutil.which("git")
    if git is None:
        return UNKNOWN_NO_GIT
    found = history(git, cwd.resolve())
    if found is None:
        return UNKNOWN_NO_GIT
    dates, newest = found
    commits = [newest[name] for name in _relative(paths, cwd) if name in newest]
    return dates[min(commits)] if commits else UNKNOWN_UNCOMMITTED


@functools.cache
def history(git: str, cwd: Path) -> tuple[list[str], dict[str, int]] | None:
    """Commit dates, newest first, and each file's newest commit (an index).

    None when git refuses (not a repository). Cleared at every build, so
    `mkdocs serve` sees new commits.
    """
    result = subprocess.run(
        [git, "-c", "core.quotePath=false", "log", *LOG_OPTIONS],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        log.info("page dates: git log failed: %s", result.stderr.strip())
        return None
    dates: list[str] = []
    newest: dict[str, int] = {}
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            dates.append(line[1:])
        elif line:
            newest.setdefault(line, len(dates) - 1)
    return dates, newest


def _relative(paths: list[Path], cwd: Path) -> list[str]:
    root = cwd.resolve()
    found = []
    for path in paths:
        resolved = (cwd / path).resolve()
        if resolved.is_relative_to(root):
            found.append(resolved.relative_to(root).as_posix())
    return found


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    history.cache_clear()
    return config


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    root = Path(config.config_file_path).parent
    if page.file.abs_src_path is None:  # a generated page: no source to date
        return markdown
    bases = site_config.load(Path(config.config_file_path)).snippet_bases
    paths = sources(markdown, Path(page.file.abs_src_path), root, bases)
    date = last_changed(paths, root)
    page.meta["last_changed"] = date
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        page.update_date = date  # sitemap.xml <lastmod>
    return markdown
