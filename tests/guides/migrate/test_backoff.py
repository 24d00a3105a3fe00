"""Your own backoff: RetryAfterError with Celery's delays, 1, 2, 4, 8 s..."""

import datetime

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.migrate import backoff, leads, workflow

NOTE = inngest.Event(
    name="crm/note-fast.requested", data={"lead_id": "lead-1", "text": "hi"}
)
MILLISECOND = datetime.timedelta(milliseconds=1)


def executor() -> kit.Executor:
    return kit.serve_functions(workflow.client, [backoff.crm_add_note_fast])


@pytest.mark.parametrize(
    ("attempt", "seconds"), [(0, 1), (1, 2), (2, 4), (3, 8), (9, 512), (10, 600)]
)
def test_each_retry_is_asked_for_after_celerys_delay(
    fresh_db: leads.Database, attempt: int, seconds: int
) -> None:
    fresh_db.crm_down_for = 1
    before = datetime.datetime.now(datetime.UTC)
    status, headers, error = executor().post(
        backoff.crm_add_note_fast.id,
        kit.request_body(NOTE, attempt=attempt, max_attempts=6),
    )
    after = datetime.datetime.now(datetime.UTC)
    assert (status, error["name"]) == (500, "RetryAfterError")
    wake = datetime.datetime.fromisoformat(headers["retry-after"])
    delay = datetime.timedelta(seconds=seconds)
    # The header is in milliseconds: the delay is exact to the millisecond.
    assert before + delay - MILLISECOND <= wake <= after + delay


def test_the_note_is_added_once_the_crm_is_back(fresh_db: leads.Database) -> None:
    fresh_db.crm_down_for = 3
    run = executor().run(backoff.crm_add_note_fast, NOTE)
    assert (run.status, run.output) == ("Completed", "note-1")
    assert run.attempts("add-note") == 4
    assert fresh_db.notes == [("lead-1", "hi")]


def test_the_sixth_failure_fails_the_run(fresh_db: leads.Database) -> None:
    fresh_db.crm_down_for = 6
    run = executor().run(backoff.crm_add_note_fast, NOTE)
    assert run.status == "Failed"
    assert run.attempts("add-note") == 6  # retries=5: the delays never add one
    assert run.error["name"] == "RetryAfterError"
