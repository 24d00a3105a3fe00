"""Every expression the improve guide registers, with sample events to check it.

Used by its own test and by the decision tables' check (the keys a table names
must be ones the guide registers).
"""

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import inngest

import inngest_kit as kit
import snippets.guides.improve
from snippets.patterns.expressions import Expression, config_expressions, expressions

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
SCHEDULED = "inngest/scheduled.timer"


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
        config = kit.registered_config(fn)
        if any("event" in trigger for trigger in config["triggers"]):
            found = expressions(fn)
        else:  # a scheduled function: its runs start with Inngest's timer event
            found = config_expressions(fn.id, config, SCHEDULED)
        for expression in found:
            yield expression, SAMPLES
        failure = fn.get_config("http://app/api/inngest").on_failure
        if failure is not None:
            dumped = failure.model_dump(by_alias=True, mode="json", exclude_none=True)
            failed = {"name": FAILED, "data": {"function_id": fn.id}}
            for expression in config_expressions(failure.id, dumped, FAILED):
                yield expression, {**SAMPLES, FAILED: failed}
