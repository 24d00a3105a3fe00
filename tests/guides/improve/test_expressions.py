"""Every CEL expression the improve guide registers parses and evaluates.

Walks the config that each function of snippets/guides/improve syncs (its
on_failure function included), collects every expression field, and evaluates
it with CEL against a sample of the function's triggering event. A typo in an
example (a syntax error, a field the event does not have) fails here.
"""

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import cel
import inngest
import pytest

import snippets.guides.improve
from snippets.testing_kit import kit

# Sample `data` of each triggering event whose function uses an expression.
SAMPLES: dict[str, dict[str, Any]] = {
    "trial/started": {"account_id": "acc-1", "ends_at": "2030-01-14T09:00:00+00:00"},
    "report/requested": {"account_id": "acc-1"},
    "crm/contact.updated": {"account_id": "acc-1", "contact_id": "c-7"},
    "crm/company.updated": {"company_id": "co-3"},
    "docs/document.edited": {"document_id": "doc-5", "revision": 12},
    "support/ticket.created": {"ticket_id": "t-1", "plan": "enterprise"},
    "analytics/page.viewed": {"site_id": "s-1", "path": "/"},
    "mail/sync.requested": {"user_id": "u-1"},
    "shop/order.paid": {"order_id": "o-1"},
}

# Where expressions live in a synced function config, and what they must yield.
KEYED = ("throttle", "rateLimit", "debounce", "singleton", "batchEvents")


def functions() -> list[inngest.Function[Any]]:
    found: dict[str, inngest.Function[Any]] = {}
    for info in pkgutil.iter_modules(snippets.guides.improve.__path__):
        module = importlib.import_module(f"snippets.guides.improve.{info.name}")
        for value in vars(module).values():
            if isinstance(value, inngest.Function):
                found[value.id] = value
    return list(found.values())


def expressions(config: dict[str, Any]) -> Iterator[tuple[str, str, type]]:
    """(where, expression, expected result type) for one synced config."""
    for trigger in config["triggers"]:
        if "expression" in trigger:
            yield "trigger.expression", trigger["expression"], bool
    for cancel in config.get("cancel") or []:
        if "if" in cancel:
            yield "cancel.if", cancel["if"], bool
    for limit in config.get("concurrency") or []:
        if "key" in limit:
            yield "concurrency.key", limit["key"], str
    for option in KEYED:
        if "key" in config.get(option, {}):
            yield f"{option}.key", config[option]["key"], str
    if "if" in config.get("batchEvents", {}):
        yield "batchEvents.if", config["batchEvents"]["if"], bool
    if "priority" in config:
        yield "priority.run", config["priority"]["run"], int
    if "idempotency" in config:
        yield "idempotency", config["idempotency"], str


def configs() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(function id, synced config, sample trigger event) for every config."""
    for fn in functions():
        main = kit.registered_config(fn)
        if any(expressions(main)):
            (trigger,) = main["triggers"]
            name = trigger["event"]
            assert name in SAMPLES, f"{fn.id}: add a sample {name!r} event to SAMPLES"
            yield fn.id, main, {"name": name, "data": SAMPLES[name]}
        failure = fn.get_config("http://app/api/inngest").on_failure
        if failure is not None:
            dumped = failure.model_dump(by_alias=True, mode="json", exclude_none=True)
            sample = {"name": "inngest/function.failed", "data": {"function_id": fn.id}}
            yield failure.id, dumped, sample


CASES = [
    pytest.param(expr, kind, event, id=f"{fn_id}:{where}")
    for fn_id, config, event in configs()
    for where, expr, kind in expressions(config)
]


def test_the_guide_has_expressions_to_check() -> None:
    wheres = {str(case.id).split(":")[1] for case in CASES}
    assert {"cancel.if", "concurrency.key", "priority.run", "idempotency"} <= wheres
    assert {"trigger.expression", "batchEvents.key", "singleton.key"} <= wheres


@pytest.mark.parametrize(("expression", "kind", "event"), CASES)
def test_expression_evaluates_with_cel(
    expression: str, kind: type, event: dict[str, Any]
) -> None:
    # A cancel `if` sees the incoming event as `async`: use the same sample,
    # so a condition that compares both sides must be true.
    result = cel.evaluate(expression, {"event": event, "async": event})
    assert isinstance(result, kind), (expression, result)
    if kind is bool:
        assert result is True, f"{expression!r} does not match its own sample"
