"""What the reference app pages show outside Python blocks: diagram, commands, JSON."""

import dataclasses
import json
import re
import shlex
import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

import inngest_kit as kit
from docsite import app_download, embeds, paths
from snippets.event_naming.checker import check_tree
from snippets.leadflow import main, registry
from snippets.leadflow.workflows.new_lead import OUTREACH
from snippets.patterns.expressions import ExpressionError, check, expressions
from tests.leadflow.samples import SAMPLES

INDEX = paths.DOCS / "patterns" / "index.md"
PATTERNS = paths.DOCS / "patterns" / "genie-iq.md"
SVG = paths.DOCS / "patterns" / "event-flow.svg"
SHOWN = paths.SNIPPETS / "patterns"
LEADFLOW = paths.SNIPPETS / "leadflow"


def shown(file: str, section: str | None = None) -> str:
    """A block of the pattern pages, as embedded from snippets/patterns/."""
    embed = f"patterns/{file}" + (f":{section}" if section else "")
    pages = INDEX.read_text() + PATTERNS.read_text()
    assert f'--8<-- "{embed}"' in pages, f"no page embeds {embed}"
    return embeds.section_text(SHOWN / file, section)


def test_the_diagram_names_every_function_and_event_and_loads_nothing() -> None:
    text = SVG.read_text()
    ET.fromstring(text)  # well-formed
    names = {fn.id.removeprefix("leadflow-") for fn in registry.functions}
    # Every event the app sends, waits for or cancels on. The outreach triggers
    # are left out: new-lead starts those functions with step.invoke.
    invoked = {kit.event_for(fn).name for fn in OUTREACH.values()}
    scanned = {u.name for u in check_tree(paths.SNIPPETS / "leadflow")[0]}
    names |= scanned - invoked
    missing = sorted(n for n in names if f">{n}<" not in text)
    assert not missing, f"docs/patterns/event-flow.svg does not show {missing}"
    assert not re.search(r"(href|src)=\"https?:", text)
    assert '--8<-- "docs/patterns/event-flow.svg"' in INDEX.read_text()


def test_the_dev_server_url_and_curl_body_work(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    assert shown("commands.sh", "dev-server") == (
        f"npx --ignore-scripts=false inngest-cli@latest dev -u http://127.0.0.1:8000{kit.SERVE_PATH}"
    )
    words = shlex.split(shown("commands.sh", "curl"))
    path = words[words.index("-X") + 2].removeprefix("http://127.0.0.1:8000")
    res = TestClient(main.app).post(path, json=json.loads(words[words.index("-d") + 1]))
    assert res.status_code == 202
    assert inngest_api.event_names() == ["api/new-lead", "workflow/new-lead"]


def test_the_layout_tree_lists_exactly_the_apps_modules() -> None:
    tree = shown("layout.txt")
    listed = re.findall(r"([\w]+\.py)", tree)
    modules = sorted(p.name for p in LEADFLOW.rglob("*.py") if p.name != "__init__.py")
    assert sorted(listed) == modules, f"{SHOWN / 'layout.txt'} is out of date"
    assert tree.startswith(f"{app_download.FOLDER}/\n")


def test_the_cancel_json_on_the_page_is_the_registered_config() -> None:
    [await_reply] = [f for f in registry.functions if f.id == "leadflow-await-reply"]
    assert (
        json.loads(shown("cancel.json")) == kit.registered_config(await_reply)["cancel"]
    )


def test_the_error_shown_on_the_page_is_the_checkers_message() -> None:
    [await_reply] = [f for f in registry.functions if f.id == "leadflow-await-reply"]
    [cancel] = [e for e in expressions(await_reply) if e.where == "cancel[0].if"]
    typo = dataclasses.replace(
        cancel, source=cancel.source.replace("lead_id", "lead_idd", 1)
    )
    try:
        check(typo, SAMPLES)
    except ExpressionError as err:
        message = str(err)
    assert shown("typo-message.txt") == message
