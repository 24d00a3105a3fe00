"""The shell lines on the page name the SDK's real serve path and Dev Server port."""

import importlib
import shlex

from inngest._internal import const

from docsite.paths import SNIPPETS

SCRIPT = (SNIPPETS / "quick_reference" / "dev_server.sh").read_text()
COMMANDS = [
    shlex.split(line)
    for line in SCRIPT.replace("\\\n", " ").splitlines()
    if line and not line.startswith("#")
]
SERVE_URL = "http://127.0.0.1:8000" + const.DEFAULT_SERVE_PATH


def _dev(command: list[str]) -> str:
    """The -u URL of an `inngest dev` command line."""
    assert "dev" in command, command
    return command[command.index("-u") + 1]


def test_each_way_to_start_the_dev_server_points_at_the_serve_path() -> None:
    npx = next(c for c in COMMANDS if c[0] == "npx")
    # Inngest's docs give this npx form (the CLI package needs its install script).
    assert npx[:4] == ["npx", "--ignore-scripts=false", "inngest-cli@latest", "dev"]
    assert _dev(npx) == SERVE_URL
    installed = next(c for c in COMMANDS if c[0] == "inngest")
    assert _dev(installed) == SERVE_URL
    docker = next(c for c in COMMANDS if c[0] == "docker")
    # The host's network: 127.0.0.1 in the container is the machine the app
    # listens on (uvicorn binds 127.0.0.1 in the first block), port 8288 included.
    assert docker[1:4] == ["run", "--network", "host"]
    assert _dev(docker) == SERVE_URL


def test_the_app_listens_where_the_dev_server_looks() -> None:
    uvicorn = next(c for c in COMMANDS if "uvicorn" in c)
    host = uvicorn[uvicorn.index("--host") + 1]
    for command in COMMANDS:
        if "dev" in command and "-u" in command:
            assert _dev(command).startswith(f"http://{host}:"), command


def test_the_install_script_is_fetched_over_https_and_piped_to_sh() -> None:
    curl = next(c for c in COMMANDS if c[0] == "curl")
    assert curl[:3] == ["curl", "-sSfL", "https://cli.inngest.com/install.sh"]
    assert curl[3:] == ["|", "sh"]


def test_dev_server_ui_is_the_sdk_default_origin() -> None:
    assert const.DEV_SERVER_ORIGIN == "http://127.0.0.1:8288/"
    assert "# http://127.0.0.1:8288" in SCRIPT.splitlines()


def test_uvicorn_target_is_an_importable_app() -> None:
    uvicorn = next(c for c in COMMANDS if "uvicorn" in c)
    assert uvicorn[0] == "INNGEST_DEV=1"
    module, _, attr = uvicorn[2].partition(":")
    assert hasattr(importlib.import_module(module), attr)
    assert uvicorn[uvicorn.index("--port") + 1] == "8000"
