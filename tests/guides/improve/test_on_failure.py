from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import on_failure
from snippets.guides.improve.client import client

FN_ID = "improve-guide-import-catalog"
REQUESTED = inngest.Event(name="catalog/import.requested", data={"source": "s3://x"})


def function_failed(run: kit.Run) -> inngest.Event:
    """The `inngest/function.failed` event the server sends when `run` has failed
    for good: `functionFinishedData` in the server's
    pkg/execution/executor/finalize.go, as Inngest's system-event reference
    documents it (function_id, run_id, error, event)."""
    return inngest.Event(
        name="inngest/function.failed",
        data={
            "function_id": run.fn_id,
            "run_id": run.run_id,
            "error": run.error,
            "event": run.event,
            "events": [run.event],
        },
    )


@pytest.fixture
def failed_run(monkeypatch: pytest.MonkeyPatch) -> kit.Run:
    """A real failed run of import-catalog: every attempt of its step raises."""

    async def unreachable(source: str) -> int:
        raise ConnectionError(f"{source} is unreachable")

    monkeypatch.setattr(on_failure, "import_rows", unreachable)
    run = kit.serve_functions(client, [on_failure.import_catalog]).run(
        on_failure.import_catalog, REQUESTED
    )
    assert run.status == "Failed"
    assert run.attempts("import-rows") == 3  # retries=2
    return run


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


def test_the_trigger_expression_selects_this_function_only(
    failed_run: kit.Run,
) -> None:
    expression = f"event.data.function_id == '{FN_ID}'"
    event = function_failed(failed_run).model_dump(mode="json")
    assert kit.matches(expression, event=event, awaited={})
    event["data"]["function_id"] = "improve-guide-other"
    assert not kit.matches(expression, event=event, awaited={})


def test_the_handler_gets_the_failed_runs_event_error_and_id(
    failed_run: kit.Run,
) -> None:
    # What the SDK reported for the failed run: the server forwards it as `error`.
    assert failed_run.error["name"] == "ConnectionError"
    assert failed_run.error["message"] == "s3://x is unreachable"
    handler = kit.serve_functions(client, [on_failure.import_catalog])
    run = handler.run(f"{FN_ID}-failure", function_failed(failed_run))
    assert run.completed, run.error
    # ctx.event is the inngest/function.failed event; the original event, the
    # error and the failed run's id are in its data.
    assert run.output == (
        f"paged on-call: import of s3://x failed (run {failed_run.run_id}): "
        "s3://x is unreachable"
    )
    assert run.steps() == ["alert-team"]


def test_the_documented_payload_validates() -> None:
    """The example payload of Inngest's reference, extra fields and all."""
    data: dict[str, Any] = {
        "error": {
            "__serialized": True,
            "error": "invalid status code: 500",
            "message": "taylor@ok.com is already a list member.",
            "name": "Error",
            "stack": "Error: taylor@ok.com is already a list member.",
        },
        "event": {
            "data": {"billingPlan": "pro"},
            "id": "01H0TPSHZTVFF6SFVTR6E25MTC",
            "name": "user.signup",
            "ts": 1684523501562,
            "user": {"external_id": "6463da8211cdbbcb191dd7da"},
        },
        "function_id": "my-gcp-cloud-functions-app-hello-inngest",
        "run_id": "01H0TPSJ576QY54R6JJ8MEX6JH",
    }
    failed = on_failure.FunctionFailed.model_validate(data)
    assert failed.event.name == "user.signup"
    assert failed.event.data == {"billingPlan": "pro"}
    assert failed.error.message == "taylor@ok.com is already a list member."
    assert failed.run_id == "01H0TPSJ576QY54R6JJ8MEX6JH"


def test_a_failure_with_no_error_object_still_alerts(failed_run: kit.Run) -> None:
    event = function_failed(failed_run)
    event.data = {k: v for k, v in event.data.items() if k != "error"}
    run = kit.serve_functions(client, [on_failure.import_catalog]).run(
        f"{FN_ID}-failure", event
    )
    assert (
        run.output
        == f"paged on-call: import of s3://x failed (run {failed_run.run_id}): "
    )


def test_the_main_function_imports() -> None:
    run = kit.serve_functions(client, [on_failure.import_catalog]).run(
        on_failure.import_catalog, REQUESTED
    )
    assert run.output == 1000


def test_timeouts_and_retries_are_registered() -> None:
    config = kit.registered_config(on_failure.import_catalog)
    assert config["timeouts"] == {"start": "10m", "finish": "1h"}
    assert config["steps"]["step"]["retries"] == {"attempts": 2}


def test_an_async_function_needs_an_async_failure_handler() -> None:
    def sync_handler(ctx: inngest.ContextSync) -> None: ...

    with pytest.raises(Exception, match="cannot have a non-async on_failure handler"):
        client.create_function(
            fn_id="mixed",
            trigger=inngest.TriggerEvent(event="catalog/import.requested"),
            on_failure=sync_handler,
        )(on_failure.import_catalog._handler)
