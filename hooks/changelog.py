"""MkDocs hook: the changelog page, rendered from changelog.yml.

A team that linked a section from its wiki needs to know when what the site
claims changed: each SDK pin bump and each change of a claim, dated, newest
first. The entries live in one maintained file; this hook checks them (a
missing or badly formed date, an entry out of order or dated in the future, an
unknown key) and writes them into docs/changelog.md where `<!-- changelog -->`
stands, grouped by day under `## YYYY-MM-DD` headings whose ids are the dates.
"""

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

SOURCE = Path(__file__).resolve().parents[1] / "changelog.yml"
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
    data = yaml_load(path.read_text())
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


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"docs/{PAGE}: put {MARKER} where the entries go")
    try:
        return markdown.replace(MARKER, render(load()))
    except ChangelogError as err:
        raise PluginError(str(err)) from None
