"""The shell lines on the page name the SDK's real serve path and Dev Server port."""

import importlib
import shlex

from inngest._internal import const

from tests.site.sources import SNIPPETS

SCRIPT = (SNIPPETS / "quick_reference" / "dev_server.sh").read_text()
COMMANDS = [
    shlex.split(line)
    for line in SCRIPT.splitlines()
    if line and not line.startswith("#")
]


def test_dev_server_points_at_the_sdk_default_serve_path() -> None:
    npx = next(c for c in COMMANDS if c[0] == "npx")
    assert npx[:3] == ["npx", "inngest-cli@latest", "dev"]
    assert (
        npx[npx.index("-u") + 1] == "http://127.0.0.1:8000" + const.DEFAULT_SERVE_PATH
    )


def test_dev_server_ui_is_the_sdk_default_origin() -> None:
    assert const.DEV_SERVER_ORIGIN == "http://127.0.0.1:8288/"
    assert "# http://127.0.0.1:8288" in SCRIPT.splitlines()


def test_uvicorn_target_is_an_importable_app() -> None:
    uvicorn = next(c for c in COMMANDS if "uvicorn" in c)
    assert uvicorn[0] == "INNGEST_DEV=1"
    module, _, attr = uvicorn[2].partition(":")
    assert hasattr(importlib.import_module(module), attr)
    assert uvicorn[uvicorn.index("--port") + 1] == "8000"
