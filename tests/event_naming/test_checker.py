"""The naming checker: its rules, its scan, and every event name in snippets/."""

import dataclasses
from pathlib import Path

import pytest

import inngest_kit as kit
from snippets.event_naming.checker import check_tree, problems, uses
from snippets.leadflow import registry

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"
SEED_EXAMPLES = [
    "api/new-lead",
    "api/reply-received",
    "workflow/await-reply",
    "workflow/process-reply",
    "user/signed-up",
    "order/placed",
]


@pytest.mark.parametrize(
    "name",
    [
        *SEED_EXAMPLES,
        "app/user.created",
        "billing/invoice.paid",
        "app/user.email.changed",
    ],
)
def test_the_seed_and_inngest_examples_follow_the_convention(name: str) -> None:
    assert problems(name) == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("new-lead", "exactly one '/'"),
        ("api/leads/new", "exactly one '/'"),
        ("api/NewLead", "lowercase"),
        ("api/İstanbul-order", "use lowercase only"),  # not ASCII, still uppercase
        ("api/new_lead", "'-', not '_'"),
        ("api/new lead", "'-', not '_'"),
        ("api/new-lead.", "lowercase words joined"),
        ("app/user..created", "lowercase words joined"),
        ("app/.user", "lowercase words joined"),
        ("api/-lead", "lowercase words joined"),
    ],
)
def test_a_bad_name_gets_a_reason(name: str, problem: str) -> None:
    assert any(problem in p for p in problems(name)), problems(name)


SOURCE = """
import inngest
trigger = inngest.TriggerEvent(event="shop/order.placed")
stop = inngest.Cancel(event="Shop/OrderCancelled")
sent = inngest.Event(name="shop/order_paid", data={})
helper(api_event="api/ok", workflow_event="workflow/ok")
other(name="not/an-event")
dynamic = inngest.Event(name=NAME)
wait = step.wait_for_event("reply", timeout=60, event="api/reply-received")
bare = Event(name="shop/bare-call")
customer = Customer(name="Ada Lovelace")
"""


def test_the_scan_finds_literals_at_event_arguments_only() -> None:
    found = list(uses(SOURCE, Path("x.py")))
    assert [(u.line, u.name) for u in found] == [
        (3, "shop/order.placed"),
        (4, "Shop/OrderCancelled"),
        (5, "shop/order_paid"),
        (6, "api/ok"),
        (6, "workflow/ok"),
        (9, "api/reply-received"),  # after a keyword that is not an event
        (10, "shop/bare-call"),  # `from inngest import Event`
    ]


def test_a_use_is_a_record_that_cannot_change() -> None:
    (use, *_) = uses(SOURCE, Path("x.py"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        use.name = "shop/other"  # type: ignore[misc]


def test_errors_name_the_file_line_and_event(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(SOURCE)
    _, errors = check_tree(tmp_path)
    assert errors == [
        f"{tmp_path}/bad.py:4: 'Shop/OrderCancelled': use lowercase only",
        f"{tmp_path}/bad.py:5: 'shop/order_paid': join words with '-', not '_' or spaces",
    ]


def test_every_event_name_in_snippets_follows_the_convention() -> None:
    found, errors = check_tree(SNIPPETS)
    assert not errors, "\n".join(errors)
    assert len(found) > 20


def test_the_scan_sees_every_event_the_reference_app_uses() -> None:
    scanned = {u.name for u in check_tree(SNIPPETS / "leadflow")[0]}
    configured = set()
    for fn in registry.functions:
        config = kit.registered_config(fn)
        configured |= {t["event"] for t in config["triggers"]}
        configured |= {c["event"] for c in config.get("cancel", [])}
    assert configured <= scanned
    assert {"api/new-lead", "api/reply-received", "workflow/await-reply"} <= scanned
