"""hooks/llms_txt.py: page descriptions in llms.txt, empty sections dropped."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from hooks import llms_txt


@pytest.fixture
def described(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llms_txt, "_descriptions", {})
    page = SimpleNamespace(
        meta={"description": "How to\n  start."},
        file=SimpleNamespace(src_uri="guides/create.md"),
    )
    llms_txt.on_page_markdown("text", page)  # type: ignore[arg-type]


@pytest.mark.usefixtures("described")
def test_an_entry_gets_its_pages_description() -> None:
    line = "- [Create](https://x.test/guides/create/index.md)"
    assert llms_txt.describe(line) == f"{line}: How to start."


@pytest.mark.usefixtures("described")
def test_other_lines_and_unknown_pages_stay() -> None:
    assert llms_txt.describe("# Title") == "# Title"
    assert llms_txt.describe("- [X](https://x.test/x/index.md)") == (
        "- [X](https://x.test/x/index.md)"
    )


def test_empty_sections_are_dropped() -> None:
    lines = ["# Site", "", "## Empty", "", "## Full", "", "- [a](a)", ""]
    assert llms_txt.without_empty_sections(lines) == [
        "# Site",
        "",
        "## Full",
        "",
        "- [a](a)",
        "",
    ]


def test_no_llms_txt_no_change(tmp_path: Path) -> None:
    llms_txt.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("described")
def test_the_written_llms_txt_is_finished(tmp_path: Path) -> None:
    (tmp_path / "llms.txt").write_text(
        "# Site\n\n## Empty\n\n## Guides\n\n"
        "- [Create](https://x.test/guides/create/index.md)\n"
    )
    llms_txt.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))  # type: ignore[arg-type]
    assert (tmp_path / "llms.txt").read_text() == (
        "# Site\n\n## Guides\n\n"
        "- [Create](https://x.test/guides/create/index.md): How to start.\n"
    )
