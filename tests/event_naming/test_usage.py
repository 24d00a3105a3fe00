from pathlib import Path

import pytest

from snippets.event_naming.usage import assert_event_names

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"


def test_the_sites_snippets_pass() -> None:
    assert_event_names(SNIPPETS)


def test_a_bad_name_fails_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('e = Event(name="Orders/Placed")\n')
    with pytest.raises(
        AssertionError, match=r"app.py:1: 'Orders/Placed': use lowercase"
    ):
        assert_event_names(tmp_path)


def test_an_empty_folder_is_not_a_pass(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="no event names found"):
        assert_event_names(tmp_path)
