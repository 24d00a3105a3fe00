"""The kit as a reader installs it: the one file downloaded from the built site
into an empty folder, a fresh virtualenv with only the packages the page
names, and the page's example tests run there with warnings as errors. And
the kit's pin: it warns when imported with another inngest."""

import os
import re
import shlex
import subprocess
import sys
import types
import warnings
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

import inngest_kit as kit
from docsite import config
from docsite.paths import DOCS, ROOT, SNIPPETS

SCRIPT = SNIPPETS / "testing_kit" / "install.sh"
UV = ROOT / ".tools" / "bin" / "uv"


def commands() -> list[list[str]]:
    """The lines of the page's install block, as words."""
    section = SCRIPT.read_text().split("[start:download]")[1].split("\n", 1)[1]
    return [shlex.split(line) for line in section.split("# --8<--")[0].splitlines()]


def test_the_page_shows_the_install_commands() -> None:
    assert (
        '--8<-- "testing_kit/install.sh:download"'
        in (DOCS / "testing-kit.md").read_text()
    )
    assert [words[0] for words in commands()] == ["curl", "pip"]


def test_the_download_is_the_kit_at_its_address_on_the_published_site() -> None:
    # The site is published on GitHub Pages for the repository of mkdocs.yml.
    curl = commands()[0]
    assert curl == [
        "curl",
        "-fsSLO",  # fail on an HTTP error, quietly, follow redirects, keep the name
        f"{config.load().pages_url()}downloads/inngest_kit.py",
    ]


def test_the_pip_line_pins_the_inngest_the_kit_was_checked_against() -> None:
    pip = commands()[1]
    assert pip[:2] == ["pip", "install"]
    assert pip[2] == f"inngest=={kit.INNGEST_VERSION}"
    assert metadata.version("inngest") == kit.INNGEST_VERSION
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'"inngest=={kit.INNGEST_VERSION}"' in pyproject


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """This venv's Python, warnings as errors, in the repository."""
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_without_httpx2_the_test_client_warns_that_httpx_is_deprecated() -> None:
    # Why the page names httpx2: starlette.testclient falls back to the httpx
    # that inngest brings, with a warning, which fails a warnings-as-errors suite.
    without = _python(
        "import sys; sys.modules['httpx2'] = None\nimport starlette.testclient"
    )
    assert without.returncode != 0
    assert "install `httpx2` instead" in without.stderr
    assert _python("import starlette.testclient").returncode == 0


def test_the_kit_imports_the_sdks_fastapi_module_without_its_warning() -> None:
    # inngest's own module makes pydantic warn (a class-based Config); imported
    # through the kit first, it does not, and the kit itself warns about nothing.
    alone = _python("import inngest.fast_api")
    assert alone.returncode != 0
    assert "PydanticDeprecatedSince20" in alone.stderr
    assert "inngest/_internal/comm_lib/models.py" in alone.stderr
    through_the_kit = _python("import inngest_kit, inngest.fast_api")
    assert (through_the_kit.returncode, through_the_kit.stderr) == (0, "")


def test_imported_with_another_inngest_the_kit_warns(
    load_a_copy: Callable[..., types.ModuleType],
) -> None:
    # A UserWarning, not an error: shown, and the import goes on.
    with pytest.warns(UserWarning, match="checked against inngest") as warned:
        copy = load_a_copy("0.6.0")
    [warning] = warned
    assert warning.category is copy.InngestVersionWarning
    assert str(warning.message).startswith(
        f"inngest_kit was checked against inngest {kit.INNGEST_VERSION}; "
        "this is inngest 0.6.0,"
    )
    assert copy.INNGEST_VERSION == kit.INNGEST_VERSION


def test_imported_with_another_inngest_under_warnings_as_errors_the_import_fails(
    load_a_copy: Callable[..., types.ModuleType],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="checked against inngest"):
            load_a_copy("0.6.0")


def test_imported_with_its_own_inngest_the_kit_is_silent(
    load_a_copy: Callable[..., types.ModuleType], recwarn: pytest.WarningsRecorder
) -> None:
    copy = load_a_copy(kit.INNGEST_VERSION)
    assert [w for w in recwarn if w.category is copy.InngestVersionWarning] == []


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command with no trace of this repository's environment."""
    keep = ("PATH", "HOME", "UV_CACHE_DIR", "TMPDIR", "LANG")
    env = {k: v for k, v in os.environ.items() if k in keep}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True
    )


def _ok(result: subprocess.CompletedProcess[str], what: str) -> str:
    if result.returncode != 0:
        pytest.fail(
            f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return result.stdout + result.stderr


def _fresh_venv(folder: Path, packages: list[str]) -> Path:
    """A virtualenv with only `packages` (and what they need), at the versions
    this repository's lock pins: uv's cache has them, so no network is needed."""
    export: list[str | Path] = [
        UV,
        "export",
        "--frozen",
        "--no-hashes",
        "--all-groups",
        "--no-emit-project",
    ]
    constraints = folder / "constraints.txt"
    constraints.write_text(_ok(_run(export, ROOT), "uv export"))
    venv = folder / "venv"
    _ok(
        _run([UV, "venv", "--quiet", "--python", sys.executable, venv], folder),
        "uv venv",
    )
    python = venv / "bin" / "python"
    install: list[str | Path] = [UV, "pip", "install", "--quiet", "--python", python]
    install += ["-c", constraints]
    if _run([*install, "--offline", *packages], folder).returncode != 0:
        # Not all in uv's cache: from PyPI.
        _ok(_run([*install, *packages], folder), f"installing {' '.join(packages)}")
    return python


@pytest.mark.slow
def test_the_download_runs_the_pages_examples_in_an_empty_project(
    built_site: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    download = built_site / "downloads" / "inngest_kit.py"
    (project / "inngest_kit.py").write_bytes(download.read_bytes())
    # The reader's project: the page's conftest.py and its example tests,
    # which hold a small app (the checkout function and its client).
    conftest = SNIPPETS / "testing_kit" / "conftest.py"
    (project / "conftest.py").write_text(conftest.read_text())
    examples = SNIPPETS / "testing_kit" / "examples.py"
    (project / "test_checkout.py").write_text(examples.read_text())
    python = _fresh_venv(tmp_path, commands()[1][2:])

    imported = _run([python, "-W", "error", "-c", "import inngest_kit"], project)
    assert _ok(imported, "import inngest_kit") == ""  # no warning, no output
    pytest_run: list[str | Path] = [python, "-W", "error", "-m", "pytest", "-q"]
    pytest_run += ["-p", "no:cacheprovider", "-W", "error"]
    out = _ok(_run(pytest_run, project), "the page's example tests")
    assert re.search(r"\b5 passed\b", out), out
    assert "warning" not in out.lower(), out
