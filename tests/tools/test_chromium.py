"""tools/chromium.py: where the browser tests find chromium, or what to do."""

from pathlib import Path

import pytest

from tools import chromium


def test_chromium_path_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = tmp_path / "chrome"
    binary.write_text("")
    monkeypatch.setenv("CHROMIUM_PATH", str(binary))
    assert chromium.path() == str(binary)


def test_a_missing_chromium_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "none"))
    with pytest.raises(FileNotFoundError, match="apt-get install chromium"):
        chromium.path()
