import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import on_failure
from snippets.guides.improve.client import client

FN_ID = "improve-guide-import-catalog"
REQUESTED = inngest.Event(name="catalog/import.requested", data={"source": "s3://x"})


def _failure_event() -> inngest.Event:
    """The system event the server sends (shape from Inngest's reference)."""
    return inngest.Event(
        name="inngest/function.failed",
        data={
            "function_id": FN_ID,
            "run_id": "01FAILEDRUN",
            "error": {"name": "TimeoutError", "message": "feed timed out"},
            "event": REQUESTED.model_dump(mode="json"),
        },
    )


def test_on_failure_registers_a_second_function(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    executor = kit.serve_functions(client, [on_failure.import_catalog])
    synced = {f["id"]: f for f in kit.sync(executor.client, inngest_api)["functions"]}
    assert set(synced) == {FN_ID, f"{FN_ID}-failure"}
    handler = synced[f"{FN_ID}-failure"]
    assert handler["name"] == "import-catalog (failure)"
    assert handler["triggers"] == [
        {
            "event": "inngest/function.failed",
            "expression": f"event.data.function_id == '{FN_ID}'",
        }
    ]
    assert handler["steps"]["step"]["retries"] == {"attempts": 0}


def test_the_trigger_expression_selects_this_function_only() -> None:
    expression = f"event.data.function_id == '{FN_ID}'"
    event = _failure_event().model_dump(mode="json")
    assert kit.matches(expression, event=event, awaited={})
    event["data"]["function_id"] = "improve-guide-other"
    assert not kit.matches(expression, event=event, awaited={})


def test_the_failure_handler_runs_through_the_same_endpoint() -> None:
    executor = kit.serve_functions(client, [on_failure.import_catalog])
    run = executor.run(f"{FN_ID}-failure", _failure_event())
    assert run.completed
    assert run.output == "paged on-call: run 01FAILEDRUN failed: feed timed out"
    assert run.steps() == ["alert-team"]


def test_the_main_function_imports() -> None:
    run = kit.serve_functions(client, [on_failure.import_catalog]).run(
        on_failure.import_catalog, REQUESTED
    )
    assert run.output == 1000


def test_timeouts_and_retries_are_registered() -> None:
    config = kit.registered_config(on_failure.import_catalog)
    assert config["timeouts"] == {"start": "10m", "finish": "1h"}
    assert config["steps"]["step"]["retries"] == {"attempts": 2}


def test_a_failure_with_no_error_object_still_alerts() -> None:
    event = _failure_event()
    event.data = {**event.data, "error": None}
    run = kit.serve_functions(client, [on_failure.import_catalog]).run(
        f"{FN_ID}-failure", event
    )
    assert run.output == "paged on-call: run 01FAILEDRUN failed: unknown"


def test_an_async_function_needs_an_async_failure_handler() -> None:
    def sync_handler(ctx: inngest.ContextSync) -> None: ...

    with pytest.raises(Exception, match="cannot have a non-async on_failure handler"):
        client.create_function(
            fn_id="mixed",
            trigger=inngest.TriggerEvent(event="catalog/import.requested"),
            on_failure=sync_handler,
        )(on_failure.import_catalog._handler)
