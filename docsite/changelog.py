"""The changelog page, rendered from changelog.yml.

A team that linked a section from its wiki needs to know when what the site
claims changed: each SDK pin bump and each change of a claim, dated, newest
first. The entries live in one maintained file; `load` checks them (a missing
or badly formed date, an entry out of order or dated in the future, an unknown
key) and `expand` writes them where docs/changelog.md has `<!-- changelog -->`,
grouped by day under `## YYYY-MM-DD` headings whose ids are the dates.

`ChangelogExtension` (`docsite.changelog` in mkdocs.yml's markdown_extensions)
does it for any generator that runs Python-Markdown; the Markdown copies and
the skill call `expand` on the page source.
"""

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

from docsite.paths import ROOT

SOURCE = ROOT / "changelog.yml"
PAGE = "changelog.md"
MARKER = "<!-- changelog -->"
KEYS = {"date", "change", "sdk"}
VERSION = re.compile(r"^\d+\.\d+\.\d+(?:\w+\d*)?$")


class ChangelogError(ValueError):
    """changelog.yml has an entry that cannot be published."""


@dataclasses.dataclass(frozen=True)
class Entry:
    date: dt.date
    change: str
    sdk: str | None = None


def _entry(item: Any, where: str, today: dt.date) -> Entry:
    if not isinstance(item, dict):
        raise ChangelogError(f"{where}: expected date: and change: keys")
    unknown = set(item) - KEYS
    if unknown:
        raise ChangelogError(
            f"{where}: unknown keys {sorted(unknown)}; use {sorted(KEYS)}"
        )
    date, change, sdk = item.get("date"), item.get("change"), item.get("sdk")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ChangelogError(f"{where}: date must be a day, YYYY-MM-DD, not {date!r}")
    if date > today:
        raise ChangelogError(f"{where}: {date} is in the future")
    if not isinstance(change, str) or not change.strip():
        raise ChangelogError(f"{where}: change: must say what changed")
    if sdk is not None and not (isinstance(sdk, str) and VERSION.match(sdk)):
        raise ChangelogError(f'{where}: sdk: must be a quoted version ("0.5.19")')
    return Entry(date, " ".join(change.split()), sdk)


def load(path: Path | None = None, today: dt.date | None = None) -> list[Entry]:
    """The entries of `path` (changelog.yml), checked; newest first, as the file
    must list them."""
    path = path or SOURCE
    today = today or dt.date.today()
    data = yaml.safe_load(path.read_text())
    items = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise ChangelogError(f"{path.name}: needs `entries:`, a list, newest first")
    entries: list[Entry] = []
    for number, item in enumerate(items, start=1):
        entry = _entry(item, f"{path.name}, entry {number}", today)
        if entries and entry.date > entries[-1].date:
            raise ChangelogError(
                f"{path.name}, entry {number}: {entry.date} comes after "
                f"{entries[-1].date}; list entries newest first"
            )
        entries.append(entry)
    return entries


def render(entries: list[Entry]) -> str:
    """Entries under one `## YYYY-MM-DD {#YYYY-MM-DD}` heading per day."""
    lines: list[str] = []
    previous = None
    for entry in entries:
        day = entry.date.isoformat()
        if day != previous:
            lines += ["", f"## {day} {{#{day}}}", ""]
            previous = day
        pin = f"**SDK pin: inngest {entry.sdk}.** " if entry.sdk else ""
        lines.append(f"- {pin}{entry.change}")
    return "\n".join(lines).strip() + "\n"


def expand(markdown: str) -> str:
    """`markdown` with the marker replaced by the entries (no marker: unchanged)."""
    return markdown.replace(MARKER, render(load())) if MARKER in markdown else markdown


class ChangelogPreprocessor(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        return expand("\n".join(lines)).split("\n")


class ChangelogExtension(Extension):  # type: ignore[misc]
    """Python-Markdown: the entries where a page has `<!-- changelog -->`."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Before the HTML block preprocessor (20) would hide the comment.
        md.preprocessors.register(ChangelogPreprocessor(md), "docsite-changelog", 34)


def makeExtension(**kwargs: Any) -> ChangelogExtension:
    return ChangelogExtension(**kwargs)
