"""tools/new_page.py (`make new-page`): what it writes into a copy of the
repository's files, and the errors that stop it before it writes anything."""

import re
import shutil
from pathlib import Path

import pytest

from docsite import config
from docsite.paths import MKDOCS_YML, ROOT
from tools import new_page, search_eval


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The files the scaffold edits, copied; snippets/guides/ is a package."""
    shutil.copy(MKDOCS_YML, tmp_path / "mkdocs.yml")
    (tmp_path / "tools").mkdir()
    shutil.copy(search_eval.DATA, tmp_path / "tools" / search_eval.DATA.name)
    (tmp_path / "docs").mkdir()
    for package in ("snippets", "snippets/guides"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").touch()
    return tmp_path


def nav(root: Path) -> list[config.NavEntry]:
    return config.nav_entries(config.read(root / "mkdocs.yml")["nav"], where="nav")


def test_a_guide_gets_its_page_folders_nav_line_and_search_rows(root: Path) -> None:
    before = nav(root)
    written = new_page.scaffold(root, "guides/cron-jobs")
    assert [p.relative_to(root).as_posix() for p in written] == [
        "docs/guides/cron-jobs.md",
        "snippets/guides/cron_jobs/__init__.py",
        "tests/__init__.py",
        "tests/guides/__init__.py",
        "tests/guides/cron_jobs/__init__.py",
        "mkdocs.yml",
        "tools/search_eval.toml",
    ]
    page = (root / "docs" / "guides" / "cron-jobs.md").read_text()
    assert page.startswith(f"---\ndescription: {new_page.TODO} ")
    assert "\n# Cron jobs\n" in page
    after = nav(root)
    last_guide = max(i for i, e in enumerate(before) if e.src.startswith("guides/"))
    assert after == [
        *before[: last_guide + 1],
        config.NavEntry("Guides", "Cron jobs", "guides/cron-jobs.md"),
        *before[last_guide + 1 :],
    ]
    data = root / "tools" / search_eval.DATA.name
    rows = search_eval.load(data)
    assert rows[:-2] == search_eval.load()
    assert [(q.text, q.expected) for q in rows[-2:]] == [
        ("cron jobs", "guides/cron-jobs/"),
        (
            f"{search_eval.TODO}: what a reader types to find this page",
            "guides/cron-jobs/",
        ),
    ]
    assert search_eval.awaiting_blind(data) == [
        *search_eval.awaiting_blind(),
        "guides/cron-jobs/",
    ]
    assert "# Pages that wait for their rows" in data.read_text()


def test_a_top_level_page_goes_at_the_end_of_the_named_section(root: Path) -> None:
    new_page.scaffold(root, "docs/glossary.md", title="Glossary", section="Reference")
    reference = [e.src for e in nav(root) if e.section == "Reference"]
    assert reference[-1] == "glossary.md"
    assert (root / "snippets" / "glossary" / "__init__.py").is_file()


@pytest.mark.parametrize(
    ("page", "section", "message"),
    [
        ("Guides/X", None, "lowercase words joined by -"),
        ("guides/create", None, r"docs/guides/create\.md exists"),
        ("glossary", None, r"name the nav section for glossary\.md: SECTION="),
        ("glossary", "Nope", "SECTION='Nope' is not in the nav"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    root: Path, page: str, section: str | None, message: str
) -> None:
    (root / "docs" / "guides").mkdir()
    (root / "docs" / "guides" / "create.md").write_text("# Create\n")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.raises(new_page.NewPageError, match=message):
        new_page.scaffold(root, page, section=section)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_page_the_nav_or_the_table_lists_already_is_refused(root: Path) -> None:
    with pytest.raises(new_page.NewPageError, match=r"the nav lists guides/create\.md"):
        new_page.nav_line(root / "mkdocs.yml", "guides/create.md", "Create", None)
    data = root / "tools" / search_eval.DATA.name
    data.write_text(
        re.sub(
            r"^awaiting_blind = .*$",
            'awaiting_blind = ["x/"]',
            data.read_text(),
            flags=re.M,
        )
    )
    with pytest.raises(new_page.NewPageError, match="awaiting_blind lists x/"):
        new_page.with_search_rows(data, "x/", "X")
    data.write_text("queries = [\n]\n")
    with pytest.raises(new_page.NewPageError, match="expected a line `awaiting_blind"):
        new_page.with_search_rows(data, "y/", "Y")


def test_a_nav_entry_written_in_another_form_is_named(root: Path) -> None:
    yml = root / "mkdocs.yml"
    last = [e for e in nav(root) if e.src.startswith("guides/")][-1]
    line = f"- {last.title}: {last.src}"
    assert line in yml.read_text()
    yml.write_text(yml.read_text().replace(line, f"- {{{last.title}: {last.src}}}"))
    with pytest.raises(
        new_page.NewPageError, match=rf"no nav line for {re.escape(last.src)}"
    ):
        new_page.nav_line(yml, "guides/x.md", "X", None)


def test_the_command_prints_what_is_left(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(new_page, "ROOT", root)
    assert new_page.main(["guides/cron-jobs", "--title", "Cron jobs"]) == 0
    out = capsys.readouterr().out
    assert "wrote docs/guides/cron-jobs.md\n" in out
    assert "make search-ranks PAGE=guides/cron-jobs" in out
    assert "Ask someone who has not read the page" in out
    assert new_page.main(["guides/cron-jobs"]) == 2
    assert "docs/guides/cron-jobs.md exists" in capsys.readouterr().err


def test_no_page_is_left_as_the_scaffold_wrote_it() -> None:
    left = [
        f"{page.relative_to(ROOT)}:{number}"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for number, line in enumerate(page.read_text().splitlines(), 1)
        if line.lstrip().startswith(new_page.TODO)
        or line.startswith(f"description: {new_page.TODO}")
    ]
    assert not left, (
        f"write what {new_page.TODO} asks for (the page's description, the "
        "page) in place of each marker:\n" + "\n".join(left)
    )
