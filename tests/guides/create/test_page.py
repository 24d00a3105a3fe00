"""Copy the guide's Python blocks in page order into main.py: it must be a working app.

And the check must fail when a stage is removed from the page or moved.
"""

import importlib.metadata
import importlib.util
import json
import shlex
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import inngest
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite import embeds, paths

PAGE = paths.DOCS / "guides" / "create.md"
STAGES = paths.SNIPPETS / "guides" / "create"
COMMANDS = STAGES / "commands.sh"


def command(section: str) -> str:
    """One shell block of the page, as embedded from commands.sh."""
    assert f'--8<-- "guides/create/commands.sh:{section}"' in PAGE.read_text()
    return embeds.section_text(COMMANDS, section)


def page_blocks() -> list[embeds.Embed]:
    """The Python blocks of the page, in page order."""
    return [
        e
        for e in embeds.site_embeds()
        if e.page == "guides/create.md" and e.path.endswith(".py")
    ]


def check_order(blocks: Sequence[embeds.Embed]) -> None:
    """The page shows every stage module once, in the order of its number."""
    shown = [b.path for b in blocks]
    expected = sorted(
        f"guides/create/{p.name}" for p in STAGES.glob("s[0-9][0-9]_*.py")
    )
    assert shown == expected, (
        f"docs/guides/create.md shows {shown}, expected {expected}"
    )


def assemble(blocks: Sequence[embeds.Embed], folder: Path) -> ModuleType:
    """Paste the blocks into folder/main.py, as a reader would, and import it."""
    code = "\n\n".join(
        embeds.section_text(STAGES.parent.parent / b.path, b.section) for b in blocks
    )
    path = folder / "main.py"
    path.write_text(code + "\n")
    name = f"create_guide_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def curl_body() -> dict[str, str]:
    """The JSON body of the page's `curl` command."""
    words = shlex.split(command("curl"))
    url, body = words[words.index("-X") + 2], words[words.index("-d") + 1]
    assert url == "http://127.0.0.1:8000/signups"
    parsed: dict[str, str] = json.loads(body)
    return parsed


def verify(
    blocks: Sequence[embeds.Embed], folder: Path, api: kit.FakeInngestAPI
) -> None:
    """What a reader does after copying: start it, sync it, run it, call it."""
    check_order(blocks)
    main = assemble(blocks, folder)
    http = TestClient(main.app)
    synced = kit.sync(http, api)
    assert [f["id"] for f in synced["functions"]] == [
        "my-app-say-hello",
        "my-app-onboard-user",
    ]
    executor = kit.Executor(http, main.functions)
    hello = executor.run(
        "my-app-say-hello",
        inngest.Event(name="app/hello.requested", data={"name": "Ada"}),
    )
    assert hello.output == "Hello, Ada!"
    res = http.post("/signups", json=curl_body())
    assert res.status_code == 202, res.text
    [sent] = [e for e in api.events if e["name"] == "app/user.signed-up"]
    run = executor.run(
        "my-app-onboard-user", inngest.Event(name=sent["name"], data=sent["data"])
    )
    assert run.output == "welcome email for acct-ada on pro"


def test_the_blocks_in_page_order_make_a_working_app(
    tmp_path: Path, inngest_api: kit.FakeInngestAPI
) -> None:
    verify(page_blocks(), tmp_path, inngest_api)


BLOCKS = page_blocks()


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=lambda i: BLOCKS[i].path)
def test_removing_a_stage_fails(
    index: int, tmp_path: Path, inngest_api: kit.FakeInngestAPI
) -> None:
    fewer = BLOCKS[:index] + BLOCKS[index + 1 :]
    with pytest.raises((AssertionError, NameError, AttributeError)):
        verify(fewer, tmp_path, inngest_api)
    # Even with the order check set aside, the app itself breaks.
    with pytest.raises((AssertionError, NameError, AttributeError, kit.KitError)):
        verify_app_only(fewer, tmp_path, inngest_api)


def verify_app_only(
    blocks: Sequence[embeds.Embed], folder: Path, api: kit.FakeInngestAPI
) -> None:
    http = TestClient(assemble(blocks, folder).app)
    assert len(kit.sync(http, api)["functions"]) == 2
    assert http.post("/signups", json=curl_body()).status_code == 202


@pytest.mark.parametrize("index", range(len(BLOCKS) - 1), ids=lambda i: BLOCKS[i].path)
def test_swapping_two_stages_fails(
    index: int, tmp_path: Path, inngest_api: kit.FakeInngestAPI
) -> None:
    swapped = list(BLOCKS)
    swapped[index], swapped[index + 1] = swapped[index + 1], swapped[index]
    with pytest.raises(AssertionError, match="expected"):
        verify(swapped, tmp_path, inngest_api)


def test_the_run_commands_match_the_assembled_app() -> None:
    # The file is main.py and the app is `app`; the Dev Server calls the serve path.
    assert command("run-app") == "INNGEST_DEV=1 uvicorn main:app --reload"
    assert command("dev-server") == (
        f"npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000{kit.SERVE_PATH}"
    )


@pytest.mark.sdk_pin
def test_the_install_command_pins_the_tested_sdk() -> None:
    tested = importlib.metadata.version("inngest")
    assert command("install") == f'pip install "inngest=={tested}" fastapi uvicorn', (
        f"{COMMANDS}: the install section must pin inngest=={tested}"
    )
