"""docsite/finish.py: the site-level artefacts, written into any built site."""

import zipfile
from pathlib import Path

import pytest

from docsite import config, finish, skill


@pytest.fixture(scope="module")
def made() -> dict[str, finish.Content]:
    return finish.artefacts(config.load())


def test_the_artefacts_are_the_copies_llms_files_and_the_skill(
    made: dict[str, finish.Content],
) -> None:
    assert {"llms.txt", "llms-full.txt", skill.ZIP_URI} <= set(made)
    assert "guides/create/index.md" in made
    assert isinstance(made[skill.ZIP_URI], bytes)


def test_finish_writes_them_into_a_site_folder(tmp_path: Path) -> None:
    written = finish.finish(tmp_path)
    assert written == sorted(written)
    assert (tmp_path / "llms.txt").read_text().startswith("# ")
    assert zipfile.is_zipfile(tmp_path / skill.ZIP_URI)
    assert (tmp_path / "guides" / "create" / "index.md").is_file()


def test_a_download_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        finish.FILES, "downloads/inngest_kit.py", finish.download("inngest_kit.py")
    )
    finish.finish(tmp_path)
    assert (tmp_path / "downloads" / "inngest_kit.py").read_bytes() == (
        Path(__file__).parents[2] / "inngest_kit.py"
    ).read_bytes()
    with pytest.raises(FileNotFoundError, match=r"no file nope\.py to serve"):
        finish.download("nope.py")


def test_two_artefacts_cannot_claim_one_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(finish.FILES, "index.md", lambda site: "x")
    with pytest.raises(ValueError, match=r"index\.md is also a Markdown copy"):
        finish.artefacts(config.load())


def test_main_finishes_a_built_site_or_says_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert finish.main([str(tmp_path / "none")]) == 2
    assert "usage: python -m docsite.finish SITE_DIR" in capsys.readouterr().err
    assert finish.main([str(tmp_path)]) == 0
    assert f"files into {tmp_path}" in capsys.readouterr().out
