"""docsite/app_download.py: the reference app's zip is made of the tested files."""

import io
import re
import zipfile
from pathlib import Path

import pytest

from docsite import app_download, config, finish, skill
from docsite.paths import ROOT


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return {name: content.decode() for name, content in app_download.files().items()}


def test_the_download_holds_the_app_its_tests_the_kit_and_its_own_files(
    files: dict[str, str],
) -> None:
    app = sorted(p.name for p in (ROOT / "snippets" / "leadflow").rglob("*.py"))
    assert sorted(Path(n).name for n in files if n.startswith("leadflow/")) == app
    tests = sorted(p.name for p in (ROOT / "tests" / "leadflow").rglob("*.py"))
    in_tests = [Path(n).name for n in files if n.startswith("tests/")]
    assert sorted(in_tests) == sorted([*tests, "expressions.py", "test_expressions.py"])
    written = {"pyproject.toml", "README.md", "conftest.py", ".gitignore"}
    assert written | {"inngest_kit.py", "LICENSE"} <= set(files)


def test_the_kit_and_the_license_are_the_repositorys(files: dict[str, str]) -> None:
    assert files["inngest_kit.py"] == (ROOT / "inngest_kit.py").read_text()
    assert files["LICENSE"] == (ROOT / "LICENSE").read_text()


def test_code_names_the_downloads_modules_and_drops_the_sites_markers(
    files: dict[str, str],
) -> None:
    code = {name: text for name, text in files.items() if name.endswith(".py")}
    for name, text in code.items():
        assert not re.search(r"\b(snippets|tests\.leadflow)\b", text), name
        assert "--8<--" not in text, name
        assert not re.search(r"#\s*\(\d+\)!", text), name
        assert "\n\n\n\n" not in text, name
    assert "from leadflow import main" in code["tests/test_client.py"]
    assert "from tests.expressions import" in code["tests/test_expressions.py"]
    assert "from tests.samples import SAMPLES" in code["tests/test_expressions.py"]


def test_the_readme_shows_the_pages_commands_and_the_tested_version(
    files: dict[str, str],
) -> None:
    readme = files["README.md"]
    assert "--8<--" not in readme
    assert "{{" not in readme
    assert "uv sync\nuv run pytest\n" in readme
    assert "INNGEST_DEV=1 uv run uvicorn leadflow.main:app\n" in readme
    assert "with inngest 0.5.19." in readme


def test_python_text_renames_strips_and_keeps_the_code() -> None:
    source = (
        '"""Doc."""\n\n# --8<-- [start:a]\nfrom snippets.leadflow.client import x'
        "  # (1)!\n# --8<-- [end:a]\n\n\n# --8<-- [start:b]\nimport tests.leadflow"
        ".samples\n# --8<-- [end:b]\n\n\n"
    )
    assert app_download.python_text(source) == (
        '"""Doc."""\n\nfrom leadflow.client import x\n\n\nimport tests.samples\n'
    )
    assert app_download.python_text("import snippets.leadflowx\n") == (
        "import snippets.leadflowx\n"
    )


def test_the_zip_unzips_into_one_folder_and_is_the_same_each_time() -> None:
    content = app_download.zip_bytes()
    assert content == app_download.zip_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
    assert all(n.startswith(f"{app_download.FOLDER}/") for n in names)


def test_the_site_serves_the_zip_and_the_skill_links_it_there() -> None:
    site = config.load()
    assert finish.FILES[app_download.ZIP_URI](site) == app_download.zip_bytes()
    zip_url = site.pages_url() + app_download.ZIP_URI
    assert f"]({zip_url})" in skill.build()["references/reference-app.md"]


def _root(tmp_path: Path) -> Path:
    """A repository with every source the download needs."""
    for source in app_download.TREES:
        (tmp_path / source).mkdir(parents=True)
    for source in app_download.FILES:
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / source).write_text("x = 1\n")
    return tmp_path


def test_a_missing_folder_or_file_is_named(tmp_path: Path) -> None:
    root = _root(tmp_path)
    (root / "inngest_kit.py").unlink()
    with pytest.raises(app_download.DownloadError, match=r"needs \['inngest_kit.py'\]"):
        app_download.sources(root)
    (root / "snippets" / "leadflow").rmdir()
    with pytest.raises(app_download.DownloadError, match="folder snippets/leadflow/"):
        app_download.sources(root)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('``` bash\n--8<-- "patterns/commands.sh:nope"\n```\n', "section 'nope'"),
        ("inngest {{ version:no-such-package }}\n", "not installed"),
    ],
)
def test_a_readme_that_cannot_be_filled_in_is_named(
    tmp_path: Path, text: str, problem: str
) -> None:
    root = _root(tmp_path)
    (root / "snippets" / "patterns" / "download" / "README.md").write_text(text)
    with pytest.raises(app_download.DownloadError, match=problem) as err:
        app_download.files(root)
    assert "snippets/patterns/download/README.md" in str(err.value)
