"""The facts at the foot of every page: the tested SDK version and the date of
the page's last change.

A page's "last changed" date is the committer date (`git log -1 --format=%cs`)
of the newest commit touching the page or any snippet module it embeds or
documents, so fixing an example re-dates the page that shows it. Both facts
go into the page's metadata (`last_changed`, `inngest_version`), which the
template shows (overrides/main.html); the date is also the page's `<lastmod>`
in sitemap.xml (MkDocs).

A shallow clone (CI checks out with `fetch-depth: 0`, but `--depth 1` works
too) gives the date of the newest commit available, never an error. Without
git, or for a file never committed, the page says so instead of showing a date.

MkDocs gives a page's metadata to hooks (hooks/page_facts.py); Zensical gives
it to Markdown extensions, through its rendering context: `PageFactsExtension`
(`docsite.page_facts` in mkdocs.yml) fills it there, and does nothing under
MkDocs.
"""

import functools
import logging
import shutil
import subprocess
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

from docsite import config as site_config
from docsite.embeds import api_modules_in, embeds_in, module_file, resolve
from docsite.paths import DOCS, ROOT

log = logging.getLogger("mkdocs.docsite.page_facts")
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


def facts(markdown: str, page_file: Path, root: Path = ROOT) -> dict[str, str]:
    """The metadata a page's foot shows: `inngest_version`, `last_changed`."""
    bases = site_config.load(root / "mkdocs.yml").snippet_bases
    date = last_changed(sources(markdown, page_file, root, bases), root)
    return {"inngest_version": metadata.version("inngest"), "last_changed": date}


CONTEXT = "rendering_context"  # Zensical's preprocessor that holds the page


class PageFactsPreprocessor(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        if CONTEXT not in self.md.preprocessors:  # MkDocs: hooks/page_facts.py
            return lines
        page = self.md.preprocessors[CONTEXT].page
        page_file = Path(page.path)
        if not page_file.is_absolute():
            page_file = DOCS / page_file
        page.meta.update(facts("\n".join(lines), page_file))
        return lines


class PageFactsExtension(Extension):  # type: ignore[misc]
    """Python-Markdown: where the generator hands extensions the page
    (Zensical), put the page's facts into its metadata."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(PageFactsPreprocessor(md), "docsite-page-facts", 36)


def makeExtension(**kwargs: Any) -> PageFactsExtension:
    return PageFactsExtension(**kwargs)
