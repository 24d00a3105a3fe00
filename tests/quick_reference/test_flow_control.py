from typing import Any

import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError

from snippets.quick_reference import flow_control
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import evaluate, registered_config, serve_functions

FUNCTIONS = [
    flow_control.sync_to_crm,
    flow_control.send_digest,
    flow_control.reindex_document,
    flow_control.process_ticket,
    flow_control.send_receipt,
    flow_control.rebuild_search_index,
    flow_control.render_video,
]

EXPECTED: dict[str, tuple[str, Any]] = {
    "sync-to-crm": (
        "throttle",
        {"key": "event.data.account_id", "limit": 10, "period": "1m", "burst": 1},
    ),
    "send-digest": (
        "rateLimit",
        {"key": "event.data.user_id", "limit": 1, "period": "4h"},
    ),
    "reindex-document": (
        "debounce",
        {"key": "event.data.document_id", "period": "30s", "timeout": "10m"},
    ),
    "process-ticket": (
        "priority",
        {"run": "event.data.plan == 'enterprise' ? 120 : 0"},
    ),
    "send-receipt": ("idempotency", "event.data.payment_id"),
    "rebuild-search-index": (
        "singleton",
        {"key": "event.data.index_name", "mode": "skip"},
    ),
    "render-video": ("timeouts", {"start": "5m", "finish": "1h"}),
}

SAMPLE = {
    "data": {
        "account_id": "a1",
        "user_id": "u1",
        "document_id": "d1",
        "plan": "enterprise",
        "payment_id": "p1",
        "index_name": "products",
    }
}


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.local_id)
def test_registered_option(fn: inngest.Function[None]) -> None:
    field, value = EXPECTED[fn.local_id]
    assert registered_config(fn)[field] == value


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.local_id)
def test_every_key_and_expression_is_valid_cel(fn: inngest.Function[None]) -> None:
    _, value = EXPECTED[fn.local_id]
    expressions = (
        [value]
        if isinstance(value, str)
        else [v for k, v in value.items() if k in ("key", "run")]
    )
    for expression in expressions:
        evaluate(expression, event=SAMPLE)  # KeyError/ValueError on a typo


def test_priority_expression_value() -> None:
    expr = EXPECTED["process-ticket"][1]["run"]
    assert evaluate(expr, event={"data": {"plan": "enterprise"}}) == 120
    assert evaluate(expr, event={"data": {"plan": "free"}}) == 0


def test_string_periods_are_rejected() -> None:
    with pytest.raises(
        FunctionConfigInvalidError, match="period: Input should be a valid integer"
    ):
        inngest.Throttle(limit=1, period="1m")  # type: ignore[arg-type]


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.local_id)
def test_functions_run(fn: inngest.Function[None]) -> None:
    event_name = registered_config(fn)["triggers"][0]["event"]
    run = serve_functions(client, [fn]).run(
        fn, inngest.Event(name=event_name, data=SAMPLE["data"])
    )
    assert run.completed
