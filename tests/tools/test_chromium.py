"""tools/chromium.py: the browser tools/browser.py finds, with playwright's flags."""

from pathlib import Path

import pytest

from tools import chromium


def test_chromium_path_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = tmp_path / "chrome"
    binary.write_text('#!/bin/sh\necho "Chromium 140.0"\n')
    binary.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(binary))
    assert chromium.path() == str(binary)
    assert "--no-sandbox" in chromium.ARGS


def test_a_chromium_that_does_not_run_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "none"))
    with pytest.raises(FileNotFoundError, match="unset CHROMIUM_PATH"):
        chromium.path()
