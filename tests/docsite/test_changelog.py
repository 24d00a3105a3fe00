"""The changelog: dated, newest first, every SDK pin logged, bad entries named."""

import datetime as dt
import re
from importlib import metadata
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest

from docsite import changelog
from docsite.paths import DOCS

DAY = dt.date(2026, 12, 2)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "changelog.yml"
    path.write_text(body)
    return path


def test_the_maintained_file_is_dated_and_newest_first() -> None:
    entries = changelog.load()
    dates = [entry.date for entry in entries]
    assert dates == sorted(dates, reverse=True)
    assert all(isinstance(d, dt.date) for d in dates)
    assert max(dates) <= dt.date.today()


@pytest.mark.sdk_pin
def test_the_pinned_sdk_is_the_newest_logged_pin() -> None:
    pins = [entry.sdk for entry in changelog.load() if entry.sdk]
    assert pins, "changelog.yml logs no SDK pin"
    assert pins[0] == metadata.version("inngest"), (
        f"inngest is pinned at {metadata.version('inngest')}, but the newest pin in "
        f"changelog.yml is {pins[0]}: add an entry with sdk: and the date"
    )


@pytest.mark.sdk_pin
def test_the_page_shows_every_day_newest_first(built_site: Path) -> None:
    html = (built_site / "changelog" / "index.html").read_text()
    days = re.findall(r'<h2 id="(\d{4}-\d{2}-\d{2})"', html)
    entries = changelog.load()
    assert days == list(dict.fromkeys(e.date.isoformat() for e in entries))
    assert days == sorted(days, reverse=True)
    assert f"SDK pin: inngest {metadata.version('inngest')}." in html
    section = html.split('id="' + days[0] + '"', 1)[1]
    assert section.count("<li>") >= len(entries)


def test_render_groups_entries_by_day() -> None:
    entries = [
        changelog.Entry(DAY, "b"),
        changelog.Entry(DAY, "a", sdk="1.0.0"),
        changelog.Entry(dt.date(2026, 1, 1), "c"),
    ]
    assert changelog.render(entries) == (
        "## 2026-12-02 {#2026-12-02}\n\n- b\n- **SDK pin: inngest 1.0.0.** a\n\n"
        "## 2026-01-01 {#2026-01-01}\n\n- c\n"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- date: 2026-01-01\n", "needs `entries:`"),
        ("entries: []\n", "needs `entries:`"),
        ("entries:\n  - just text\n", "entry 1: expected date: and change:"),
        ("entries:\n  - {date: 2026-01-01, change: x, by: me}\n", "unknown keys"),
        ("entries:\n  - {date: 'Jan 1', change: x}\n", "YYYY-MM-DD"),
        ("entries:\n  - {date: 2026-01-01 10:00:00, change: x}\n", "YYYY-MM-DD"),
        ("entries:\n  - {date: 2026-12-03, change: x}\n", "in the future"),
        ("entries:\n  - {date: 2026-01-01, change: ' '}\n", "must say what changed"),
        ("entries:\n  - {date: 2026-01-01, change: x, sdk: 0.6}\n", "quoted version"),
        (
            "entries:\n  - {date: 2026-01-01, change: x}\n"
            "  - {date: 2026-02-01, change: y}\n",
            "entry 2: 2026-02-01 comes after 2026-01-01",
        ),
    ],
)
def test_a_bad_entry_is_named(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(changelog.ChangelogError, match=re.escape(message)):
        changelog.load(path, today=DAY)


def test_the_changelog_page_has_the_marker() -> None:
    assert changelog.MARKER in (DOCS / changelog.PAGE).read_text(), (
        f"docs/{changelog.PAGE}: put {changelog.MARKER} where the entries go"
    )


def test_the_extension_fills_the_marker_and_leaves_other_pages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    md = markdown.Markdown(extensions=["attr_list", "docsite.changelog"])
    assert "2026" not in md.convert("# Other page\n")
    filled = md.reset().convert(f"# Changelog\n\n{changelog.MARKER}\n")
    assert re.search(r'<h2 id="\d{4}-\d{2}-\d{2}">', filled)
    assert "<!--" not in filled
    bad = write(tmp_path, "entries: []\n")
    monkeypatch.setattr(changelog, "SOURCE", bad)
    with pytest.raises(changelog.ChangelogError, match=r"changelog\.yml: needs"):
        md.reset().convert(changelog.MARKER)
