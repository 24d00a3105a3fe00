"""Async middleware (inngest.Middleware) cannot run for a plain `def` function."""

import logging
from types import SimpleNamespace
from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.debug import middleware_errors as m
from tests.guides.debug.messages import message

REQUESTED = inngest.Event(name="debug/report.requested")
AUDIT = "inngest request: running new code"


def _audit_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "shop.audit"]


def test_async_middleware_fails_every_request_of_a_def_function(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    run = kit.serve_functions(m.audited, [m.export_report]).run(
        m.export_report, REQUESTED
    )
    assert run.status == "Failed"
    assert run.requests == kit.SERVER_DEFAULT_RETRIES + 1  # retried, uselessly
    shown = f"{run.error['name']}: {run.error['message']}"
    assert shown == message("async-middleware")
    # The SDK logs nothing: the error is only in the run.
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert _audit_lines(caplog) == []  # the hook never ran
    # The function itself is fine: called directly, it returns its result.
    handler: Any = m.export_report._handler
    assert handler(SimpleNamespace()) == "report exported"


def test_async_middleware_runs_for_async_functions(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)

    @m.audited.create_function(
        fn_id="export-report-async",
        trigger=inngest.TriggerEvent(event="debug/report.requested"),
    )
    async def export_report_async(ctx: inngest.Context) -> str:
        return "report exported"

    run = kit.serve_functions(m.audited, [export_report_async]).run(
        export_report_async, REQUESTED
    )
    assert run.output == "report exported"
    assert _audit_lines(caplog) == [AUDIT]


def test_sync_middleware_runs_for_both_kinds_of_function(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    executor = kit.serve_functions(
        m.audited_sync, [m.export_report_fixed, m.archive_report]
    )
    assert executor.run(m.export_report_fixed, REQUESTED).output == "report exported"
    assert _audit_lines(caplog) == [AUDIT]
    exported = inngest.Event(name="debug/report.exported")
    assert executor.run(m.archive_report, exported).output == "report archived"
    assert _audit_lines(caplog) == [AUDIT, AUDIT]
