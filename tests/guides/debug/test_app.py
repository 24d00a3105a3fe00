"""The Dev Server section: serve path, port, what GET and PUT on the endpoint show."""

import json
import re

import inngest
from inngest._internal import const
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite.paths import DOCS, SNIPPETS
from snippets.guides.debug import app

PAGE = DOCS / "guides" / "debug.md"
SCRIPT = (SNIPPETS / "guides" / "debug" / "dev_server.sh").read_text()
INSPECTION = SNIPPETS / "guides" / "debug" / "inspection.json"


def test_the_dev_server_command_points_at_the_serve_path() -> None:
    commands = re.findall(
        r"^npx --ignore-scripts=false inngest-cli@latest dev.*$", SCRIPT, re.M
    )
    assert commands == [
        f"npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000{kit.SERVE_PATH}"
    ]
    # The SDK's own default for a Dev Server is port 8288, as the page says.
    assert const.DEV_SERVER_ORIGIN == "http://127.0.0.1:8288/"
    assert ":8288" in PAGE.read_text()


def test_get_on_the_endpoint_counts_the_served_functions() -> None:
    res = TestClient(app.app).get("/api/inngest")
    assert res.status_code == 200
    body = res.json()
    assert (body["function_count"], body["mode"]) == (1, "dev")
    assert (body["has_signing_key"], body["has_event_key"]) == (False, False)


def test_the_page_shows_what_get_answers() -> None:
    assert '--8<-- "guides/debug/inspection.json"' in PAGE.read_text()
    shown = json.loads(INSPECTION.read_text())
    assert shown == TestClient(app.app).get("/api/inngest").json()


def test_the_uvicorn_command_runs_the_app_shown() -> None:
    uvicorn = re.search(
        r"^INNGEST_DEV=1 uvicorn (\w+):(\w+) --port (\d+)$", SCRIPT, re.M
    )
    assert uvicorn is not None
    module, attribute, port = uvicorn.groups()
    # The page shows `app.py`: the command must name that module and its app.
    assert (SNIPPETS / "guides" / "debug" / f"{module}.py").exists()
    assert app.__name__.endswith(f".{module}")
    assert getattr(app, attribute) is app.app
    assert f"-u http://127.0.0.1:{port}/api/inngest" in SCRIPT


def test_a_get_on_the_wrong_path_is_a_404() -> None:
    # A Dev Server started with -u http://127.0.0.1:8000/inngest finds nothing.
    assert TestClient(app.app).get("/inngest").status_code == 404
    assert TestClient(app.app).get("/api/inngest/fns").status_code == 404


def test_sync_registers_the_function_with_its_url(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    synced = kit.sync(TestClient(app.app), inngest_api)
    assert [f["id"] for f in synced["functions"]] == ["debug-guide-hello"]
    assert synced["url"] == "http://testserver/api/inngest"
    step_url = synced["functions"][0]["steps"]["step"]["runtime"]["url"]
    assert step_url.startswith("http://testserver/api/inngest?fnId=debug-guide-hello")


def test_hello_greets_the_name_in_the_event() -> None:
    run = kit.Executor(TestClient(app.app), [app.hello]).run(
        app.hello, inngest.Event(name="debug/hello", data={"name": "Ada"})
    )
    assert run.output == "Hello, Ada"
