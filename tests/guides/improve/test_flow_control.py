"""Flow control is server-side: assert the registered config, run the handler."""

from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import flow_control as fc
from snippets.guides.improve.client import client

# (function, sample trigger data, registered config it must have, output)
CASES: list[
    tuple[inngest.Function[Any], dict[str, inngest.JSON], dict[str, Any], object]
] = [
    (
        fc.build_report_fn,
        {"account_id": "acc-1"},
        {
            "concurrency": [
                {"limit": 2, "key": "event.data.account_id"},
                {"limit": 10, "key": '"reporting-db"', "scope": "env"},
            ]
        },
        "report for acc-1",
    ),
    (
        fc.push_contact_fn,
        {"account_id": "acc-1", "contact_id": "c-7"},
        {
            "throttle": {
                "limit": 10,
                "period": "1m",
                "burst": 5,
                "key": "event.data.account_id",
            }
        },
        "pushed c-7 to the CRM",
    ),
    (
        fc.refresh_company_fn,
        {"company_id": "co-3"},
        {"rateLimit": {"limit": 1, "period": "4h", "key": "event.data.company_id"}},
        "refreshed co-3",
    ),
    (
        fc.reindex_fn,
        {"document_id": "doc-5", "revision": 12},
        {
            "debounce": {
                "period": "5m",
                "key": "event.data.document_id",
                "timeout": "30m",
            }
        },
        "indexed doc-5 at revision 12",
    ),
    (
        fc.summarize_fn,
        {"ticket_id": "t-1", "plan": "enterprise"},
        {
            "concurrency": [{"limit": 5}],
            "priority": {"run": "event.data.plan == 'enterprise' ? 120 : 0"},
        },
        "summary of t-1",
    ),
    (
        fc.record_page_views,
        {"site_id": "s-1", "path": "/"},
        {"batchEvents": {"maxSize": 100, "timeout": "5s", "key": "event.data.site_id"}},
        1,
    ),
    (
        fc.sync_mailbox_fn,
        {"user_id": "u-1"},
        {"singleton": {"key": "event.data.user_id", "mode": "skip"}},
        "synced the mailbox of u-1",
    ),
    (
        fc.send_receipt_fn,
        {"order_id": "o-1"},
        {"idempotency": "event.data.order_id"},
        "receipt for o-1",
    ),
]
IDS = [case[0].local_id for case in CASES]


def trigger_of(fn: inngest.Function[Any]) -> str:
    (trigger,) = kit.registered_config(fn)["triggers"]
    return str(trigger["event"])


def expressions(expected: dict[str, Any]) -> list[str]:
    """Every CEL key or expression in a registered option (or list of them)."""
    found = []
    for value in expected.values():
        for option in value if isinstance(value, list) else [value]:
            if isinstance(option, str):
                found.append(option)  # idempotency is the key itself
            else:
                found += [v for k, v in option.items() if k in ("key", "run")]
    return found


@pytest.mark.parametrize(("fn", "data", "expected", "output"), CASES, ids=IDS)
def test_registered_config(
    fn: inngest.Function[Any],
    data: dict[str, inngest.JSON],
    expected: dict[str, Any],
    output: object,
) -> None:
    config = kit.registered_config(fn)
    assert {key: config.get(key) for key in expected} == expected
    found = expressions(expected)
    assert found
    for expression in found:
        # KeyError/ValueError on a typo: the sample event has only what it needs.
        kit.evaluate(expression, event={"data": data})


@pytest.mark.parametrize(("fn", "data", "expected", "output"), CASES, ids=IDS)
def test_each_run_completes(
    fn: inngest.Function[Any],
    data: dict[str, inngest.JSON],
    expected: dict[str, Any],
    output: object,
) -> None:
    event = inngest.Event(name=trigger_of(fn), data=data)
    run = kit.serve_functions(client, [fn]).run(fn, event)
    assert (run.status, run.output) == ("Completed", output)


def test_a_misspelled_key_is_dropped_and_the_limit_becomes_global() -> None:
    wrong = inngest.Concurrency(limit=1, keys="event.data.account_id")  # type: ignore[call-arg]
    assert wrong.key is None


def test_priority_factor_is_seconds_from_event_data() -> None:
    run = "event.data.plan == 'enterprise' ? 120 : 0"
    assert kit.matches(
        f"({run}) == 120", event={"data": {"plan": "enterprise"}}, awaited={}
    )
    assert kit.matches(f"({run}) == 0", event={"data": {"plan": "free"}}, awaited={})


def test_a_batch_run_gets_every_event_in_ctx_events() -> None:
    views = [
        inngest.Event(name="analytics/page.viewed", data={"site_id": "s-1", "path": p})
        for p in ["/", "/pricing", "/"]
    ]
    executor = kit.serve_functions(client, [fc.record_page_views])
    run = executor.run(fc.record_page_views, views)
    assert run.output == 3
    (store,) = run.ops
    assert store.step_id == "store"


def test_wrong_types_fail_at_definition() -> None:
    from inngest._internal.errors import FunctionConfigInvalidError

    with pytest.raises(FunctionConfigInvalidError, match="scope"):
        inngest.Concurrency(limit=1, scope="global")  # type: ignore[arg-type]
    with pytest.raises(FunctionConfigInvalidError, match="period"):
        inngest.Throttle(limit=1, period="1m")  # type: ignore[arg-type]
