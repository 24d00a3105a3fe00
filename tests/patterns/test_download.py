"""The reference app's download works in an empty folder outside this repository.

The zip the site serves is unzipped into a temporary folder; the README's (and
the page's) commands run there as written: they install only the download's
declared dependencies into a fresh virtual environment and run its tests; then
the app, started as written, answers the Dev Server's probe with 200.

uv and pip resolve the dependencies from the package index. So that a new
release elsewhere cannot change what this test installs, uv takes no release
newer than this repository's lock (UV_EXCLUDE_NEWER), and pip is constrained to
the versions this suite runs with (PIP_CONSTRAINT).
"""

import contextlib
import importlib.metadata
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from docsite import app_download, embeds
from docsite.paths import ROOT, SNIPPETS

COMMANDS = SNIPPETS / "patterns" / "commands.sh"
UV = ROOT / ".tools" / "bin" / "uv"
# What a reader's shell would not have: this repository's environment.
NOT_THE_READERS = ("INNGEST_", "UV_", "PIP_", "VIRTUAL_ENV", "PYTHON", "COV")
STARTED = re.compile(r"Uvicorn running on (?P<url>http://127\.0\.0\.1:\d+)")


def shown(section: str) -> str:
    """A block of commands as the page and the README show it."""
    return embeds.section_text(COMMANDS, section)


def newest_locked_upload() -> str:
    """The upload time of the newest file in uv.lock (ISO 8601, UTC)."""
    found: list[str] = re.findall(
        r'upload-time = "([^"]+)"', (ROOT / "uv.lock").read_text()
    )
    return max(found)


def reader_environment(folder: Path) -> dict[str, str]:
    """A shell like the reader's: no keys, no virtualenv, uv on PATH."""
    uv = shutil.which("uv") or str(UV)
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_THE_READERS)}
    constraints = folder.parent / "constraints.txt"
    constraints.write_text(
        "\n".join(
            f"{d.metadata['Name']}=={d.version}"
            for d in importlib.metadata.distributions()
        )
    )
    return env | {
        "PATH": f"{Path(uv).parent}{os.pathsep}{env.get('PATH', '')}",
        "UV_EXCLUDE_NEWER": newest_locked_upload(),
        "UV_PYTHON_DOWNLOADS": "never",
        "PIP_CONSTRAINT": str(constraints),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def run_commands(commands: str, folder: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-e", "-c", commands],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{commands}\nfailed in {folder}:\n{output[-3000:]}"
    return output


@contextlib.contextmanager
def started(command: str, folder: Path, env: dict[str, str]) -> Iterator[str]:
    """Run a command that starts the app (on a free port); yield its URL.

    The command runs in a session of its own, so that stopping it stops uv and
    the uvicorn it started too."""
    with subprocess.Popen(
        ["bash", "-c", f"{command} --port 0"],
        cwd=folder,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        assert process.stderr is not None
        stderr = process.stderr
        lines: queue.Queue[str] = queue.Queue()

        def pump() -> None:
            for line in stderr:
                lines.put(line)

        reader = threading.Thread(target=pump)
        reader.start()
        try:
            yield _url_once_started(command, process, lines)
        finally:
            with contextlib.suppress(ProcessLookupError):  # the group has ended
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
            reader.join(timeout=30)


def _url_once_started(
    command: str, process: subprocess.Popen[str], lines: queue.Queue[str]
) -> str:
    seen: list[str] = []
    deadline = time.monotonic() + 120
    while True:
        remaining = deadline - time.monotonic()
        assert process.poll() is None, f"{command} ended:\n{''.join(seen)}"
        assert remaining > 0, f"{command} did not start in time:\n{''.join(seen)}"
        with contextlib.suppress(queue.Empty):
            seen.append(lines.get(timeout=min(remaining, 1)))
            match = STARTED.search(seen[-1])
            if match:
                return match["url"]


@pytest.fixture
def unzipped(built_site: Path, tmp_path: Path) -> Path:
    """The site's download, unzipped into an empty folder outside the repository."""
    assert not tmp_path.resolve().is_relative_to(ROOT)
    with zipfile.ZipFile(built_site / app_download.ZIP_URI) as archive:
        archive.extractall(tmp_path)
    return tmp_path / app_download.FOLDER


@pytest.mark.slow
@pytest.mark.parametrize(
    ("tests", "run"), [("uv-test", "uv-run"), ("pip-test", "pip-run")]
)
def test_the_download_installs_tests_and_serves_in_an_empty_folder(
    tests: str, run: str, unzipped: Path
) -> None:
    env = reader_environment(unzipped)
    output = run_commands(shown(tests), unzipped, env)
    assert re.search(r"\b\d+ passed\b", output), output[-2000:]
    assert " failed" not in output
    assert " skipped" not in output
    venv = unzipped / ".venv"
    installed = {p.name.split("-")[0] for p in venv.rglob("*.dist-info")}
    assert "leadflow" in installed
    assert not installed & {"mkdocs", "playwright", "celery", "rq", "cosmic_ray"}
    with started(shown(run), unzipped, env) as url:
        probe = httpx.get(f"{url}/api/inngest", timeout=30)
    assert probe.status_code == 200
    assert (probe.json()["mode"], probe.json()["function_count"]) == ("dev", 6)


def test_the_download_pins_the_sdk_this_site_is_tested_with() -> None:
    def pins(pyproject: Path) -> list[str]:
        project = tomllib.loads(pyproject.read_text())["project"]
        return [d for d in project["dependencies"] if d.startswith("inngest")]

    download = SNIPPETS / "patterns" / "download" / "pyproject.toml"
    tested = f"inngest=={importlib.metadata.version('inngest')}"
    assert pins(download) == pins(ROOT / "pyproject.toml") == [tested], (
        f"update {download.relative_to(ROOT)} to the SDK pin of pyproject.toml"
    )
    assert sys.version_info >= (3, 11)  # requires-python of both
