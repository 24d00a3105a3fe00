import inngest
import pytest

from snippets.quick_reference import on_failure
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import FakeInngestAPI, serve_functions, sync

FN = on_failure.import_invoices


def test_on_failure_registers_a_second_function(inngest_api: FakeInngestAPI) -> None:
    executor = serve_functions(client, [FN])
    functions = sync(executor.client, inngest_api)["functions"]
    assert [f["id"] for f in functions] == [
        "quick-reference-import-invoices",
        "quick-reference-import-invoices-failure",
    ]
    assert functions[0]["steps"]["step"]["retries"] == {"attempts": 1}
    assert functions[1]["steps"]["step"]["retries"] == {"attempts": 0}
    assert functions[1]["triggers"] == [
        {
            "event": "inngest/function.failed",
            "expression": "event.data.function_id == 'quick-reference-import-invoices'",
        }
    ]


def test_the_handler_gets_the_error_of_the_failed_run() -> None:
    executor = serve_functions(client, [FN])
    failed = executor.run(FN, inngest.Event(name="qr/invoices.uploaded"))
    assert failed.status == "Failed"
    assert failed.requests == 1  # NonRetriableError: no retry despite retries=1
    assert FN.on_failure_fn_id is not None
    # The server then sends inngest/function.failed with the error in event.data.
    alert = executor.run(
        FN.on_failure_fn_id,
        inngest.Event(
            name="inngest/function.failed",
            data={"error": failed.error, "function_id": FN.id, "run_id": "r1"},
        ),
    )
    assert alert.output == "paged: invoice file is empty"


def test_an_async_function_needs_an_async_failure_handler() -> None:
    def sync_handler(ctx: inngest.ContextSync) -> None: ...

    with pytest.raises(Exception, match="cannot have a non-async on_failure handler"):
        client.create_function(
            fn_id="mixed",
            trigger=inngest.TriggerEvent(event="qr/m"),
            on_failure=sync_handler,
        )(on_failure.import_invoices._handler)
