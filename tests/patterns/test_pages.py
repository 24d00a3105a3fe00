"""What the reference app pages show outside Python blocks: diagram, commands, JSON."""

import dataclasses
import json
import re
import shlex
import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from snippets.event_naming.checker import check_tree
from snippets.leadflow import main, registry
from snippets.leadflow.workflows.new_lead import OUTREACH
from snippets.patterns.expressions import ExpressionError, check, expressions
from snippets.testing_kit import kit
from tests.patterns.test_expressions import SAMPLES
from tests.site import sources

INDEX = sources.DOCS / "patterns" / "index.md"
PATTERNS = sources.DOCS / "patterns" / "genie-iq.md"
SVG = sources.DOCS / "patterns" / "event-flow.svg"


def test_the_diagram_names_every_function_and_event_and_loads_nothing() -> None:
    text = SVG.read_text()
    ET.fromstring(text)  # well-formed
    names = {fn.id.removeprefix("leadflow-") for fn in registry.functions}
    # Every event the app sends, waits for or cancels on. The outreach triggers
    # are left out: new-lead starts those functions with step.invoke.
    invoked = {kit.event_for(fn).name for fn in OUTREACH.values()}
    scanned = {u.name for u in check_tree(sources.SNIPPETS / "leadflow")[0]}
    names |= scanned - invoked
    missing = sorted(n for n in names if f">{n}<" not in text)
    assert not missing, f"docs/patterns/event-flow.svg does not show {missing}"
    assert not re.search(r"(href|src)=\"https?:", text)
    assert '--8<-- "docs/patterns/event-flow.svg"' in INDEX.read_text()


def test_the_run_command_and_curl_body_work(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    text = INDEX.read_text()
    assert "uvicorn snippets.leadflow.main:app" in text
    assert f"dev -u http://127.0.0.1:8000{kit.SERVE_PATH}" in text
    [line] = [x for x in text.splitlines() if x.startswith("curl ")]
    words = shlex.split(line)
    path = words[words.index("-X") + 2].removeprefix("http://127.0.0.1:8000")
    res = TestClient(main.app).post(path, json=json.loads(words[words.index("-d") + 1]))
    assert res.status_code == 202
    assert inngest_api.event_names() == ["api/new-lead", "workflow/new-lead"]


def test_the_cancel_json_on_the_page_is_the_registered_config() -> None:
    text = PATTERNS.read_text()
    block = re.search(r"``` json\n(.*?)\n```", text, re.S)
    assert block is not None
    [await_reply] = [f for f in registry.functions if f.id == "leadflow-await-reply"]
    assert json.loads(block.group(1)) == kit.registered_config(await_reply)["cancel"]


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
    assert f"``` text\n{message}\n```" in INDEX.read_text()
