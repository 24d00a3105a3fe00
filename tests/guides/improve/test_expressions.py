"""Every CEL expression the improve guide registers parses and evaluates.

Collects every expression in the config that each function of
snippets/guides/improve syncs (its on_failure function included) with the
reference app's collector (snippets/patterns/expressions.py), and checks each
with CEL against sample events. A typo in an example (a syntax error, a field
the event does not have, a wrong result type) fails here.
"""

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import inngest
import pytest

import snippets.guides.improve
from snippets.patterns.expressions import (
    Expression,
    check,
    config_expressions,
    expressions,
)

# A sample of each event an expression of the guide refers to.
SAMPLES: dict[str, dict[str, Any]] = {
    name: {"name": name, "data": data}
    for name, data in {
        "trial/started": {
            "account_id": "acc-1",
            "ends_at": "2030-01-14T09:00:00+00:00",
        },
        "billing/subscribed": {"account_id": "acc-1"},
        "report/requested": {"account_id": "acc-1"},
        "crm/contact.updated": {"account_id": "acc-1", "contact_id": "c-7"},
        "crm/company.updated": {"company_id": "co-3"},
        "docs/document.edited": {"document_id": "doc-5", "revision": 12},
        "support/ticket.created": {"ticket_id": "t-1", "plan": "enterprise"},
        "analytics/page.viewed": {"site_id": "s-1", "path": "/"},
        "mail/sync.requested": {"user_id": "u-1"},
        "shop/order.paid": {"order_id": "o-1"},
    }.items()
}
FAILED = "inngest/function.failed"


def functions() -> list[inngest.Function[Any]]:
    found: dict[str, inngest.Function[Any]] = {}
    for info in pkgutil.iter_modules(snippets.guides.improve.__path__):
        module = importlib.import_module(f"snippets.guides.improve.{info.name}")
        for value in vars(module).values():
            if isinstance(value, inngest.Function):
                found[value.id] = value
    return list(found.values())


def guide_expressions() -> Iterator[tuple[Expression, dict[str, Any]]]:
    """Every expression the guide registers (on_failure functions included),
    with the sample events to check it against."""
    for fn in functions():
        for expression in expressions(fn):
            yield expression, SAMPLES
        failure = fn.get_config("http://app/api/inngest").on_failure
        if failure is not None:
            dumped = failure.model_dump(by_alias=True, mode="json", exclude_none=True)
            failed = {"name": FAILED, "data": {"function_id": fn.id}}
            for expression in config_expressions(failure.id, dumped, FAILED):
                yield expression, {**SAMPLES, FAILED: failed}


GUIDE = list(guide_expressions())
CASES = [
    pytest.param(expression, samples, id=f"{expression.function}:{expression.where}")
    for expression, samples in GUIDE
]


def test_the_guide_has_expressions_to_check() -> None:
    wheres = {expression.where for expression, _ in GUIDE}
    assert {
        "cancel[0].if",
        "concurrency[0].key",
        "priority.run",
        "idempotency",
    } <= wheres
    assert {
        "triggers[0].expression",
        "batchEvents[0].key",
        "singleton[0].key",
    } <= wheres


@pytest.mark.parametrize(("expression", "samples"), CASES)
def test_expression_evaluates_with_cel(
    expression: Expression, samples: dict[str, Any]
) -> None:
    # The samples of a cancel's two events are for the same account, so a
    # condition that compares both sides must be true.
    value = check(expression, samples)
    if expression.kind == "condition":
        assert value is True, f"{expression} does not match its own sample"
    if expression.kind == "key":
        assert isinstance(value, str), f"{expression} gives {value!r}, not a str"
