"""The migrated workflow, through the SDK's serve handler (the testing kit).

Each pitfall has two tests: the migration copied name for name from Celery,
defined here, doing the wrong thing; and the guide's version doing the right
one. The name-for-name versions live in this file only: the page shows the
right code and links here for the wrong.
"""

import inspect
from collections.abc import Sequence

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.migrate import leads, workflow

client = workflow.client
FUNCTIONS = [workflow.nurture_lead, workflow.crm_add_note, workflow.note_reassignment]
REPLY = inngest.Event(name="lead/replied", data={"lead_id": "lead-1"})


def run(
    fn: inngest.Function[str] = workflow.nurture_lead,
    replies: Sequence[inngest.Event] = (),
) -> kit.Run:
    executor = kit.serve_functions(client, [*FUNCTIONS, fn])
    return executor.run(
        fn, workflow.lead_created("lead-1"), waits={"await-reply": list(replies)}
    )


def test_no_reply_means_one_follow_up(fresh_db: leads.Database) -> None:
    result = run()
    assert (result.status, result.output) == ("Completed", "followed-up")
    assert result.steps() == [
        "claim-lead",
        "send-welcome",
        "note-welcome",
        "await-reply",
        "follow-up",
    ]
    assert fresh_db.emails == [("lead-1", "welcome"), ("lead-1", "follow-up")]
    assert fresh_db.notes == [("lead-1", "welcome sent: msg-1")]
    # The CRM function's return value is the invoke step's stored result.
    [note] = result.children
    assert (note.fn_id, note.output) == ("lead-nurture-crm-add-note", "note-1")
    assert result.memos[kit.hashed_step_id("note-welcome")] == {"data": "note-1"}
    # The wait is sent to the server as "lead/replied from this lead, 2 days".
    [wait] = [op for op in result.ops if op.op == "WaitForEvent"]
    assert (wait.name, wait.opts) == (
        "lead/replied",
        {"if": "async.data.lead_id == event.data.lead_id", "timeout": "2d"},
    )


# --- revoke: stop the follow-up, not the whole run ----------------------------


def test_a_reply_during_the_wait_stops_the_follow_up_only(
    fresh_db: leads.Database,
) -> None:
    other_lead = inngest.Event(name="lead/replied", data={"lead_id": "lead-2"})
    result = run(replies=[other_lead, REPLY])
    assert result.output == "replied"
    # What ran before the reply stays done: the welcome and the CRM note.
    assert fresh_db.emails == [("lead-1", "welcome")]
    assert fresh_db.notes == [("lead-1", "welcome sent: msg-1")]


def test_the_migrated_workflow_finds_a_reply_sent_before_the_wait(
    fresh_db: leads.Database,
) -> None:
    fresh_db.replied.add("lead-1")  # arrived while the welcome was being sent
    result = run(replies=[])  # so the wait never sees it and times out
    assert result.output == "replied"
    assert fresh_db.emails == [("lead-1", "welcome")]


@client.create_function(
    fn_id="nurture-lead-wait-only",
    trigger=inngest.TriggerEvent(event="lead/created"),
)
def wait_only(ctx: inngest.ContextSync) -> str:
    """Name for name: the reply only as an event, no database check."""
    lead_id = str(ctx.event.data["lead_id"])
    ctx.step.run("send-welcome", leads.send_email, lead_id, "welcome")
    reply = ctx.step.wait_for_event(
        "await-reply",
        event="lead/replied",
        if_exp="async.data.lead_id == event.data.lead_id",
        timeout=workflow.REPLY_WINDOW,
    )
    if reply is not None:
        return "replied"
    leads.send_email(lead_id, "follow-up")
    return "followed-up"


def test_a_wait_alone_follows_up_a_lead_who_replied_first(
    fresh_db: leads.Database,
) -> None:
    fresh_db.replied.add("lead-1")
    result = run(wait_only, replies=[])
    assert result.output == "followed-up"
    assert fresh_db.emails == [("lead-1", "welcome"), ("lead-1", "follow-up")]


def test_a_cancel_belongs_to_the_whole_function() -> None:
    # Cancel has an event, a condition and a timeout: nothing names a step,
    # so a cancel stops the run wherever it is (the server's side, cited).
    assert set(inngest.Cancel.model_fields) == {"event", "if_exp", "timeout"}
    config = kit.registered_config(workflow.nurture_lead)
    assert config["cancel"] == [
        {
            "event": "lead/unsubscribed",
            "if": "async.data.lead_id == event.data.lead_id",
        }
    ]
    assert "cancel" not in config["steps"]["step"]


# --- retries: a call with its own policy gets its own function ---------------


def test_the_crm_call_has_5_retries_of_its_own(fresh_db: leads.Database) -> None:
    fresh_db.crm_down_for = 5
    result = run()
    assert result.output == "followed-up"
    [note] = result.children
    assert note.fn_id == "lead-nurture-crm-add-note"
    assert note.attempts("add-note") == 6  # 1 call + 5 retries
    assert note.output == "note-1"
    assert fresh_db.emails.count(("lead-1", "welcome")) == 1


@client.create_function(
    fn_id="nurture-lead-crm-as-a-step",
    trigger=inngest.TriggerEvent(event="lead/created"),
    retries=3,
)
def crm_as_a_step(ctx: inngest.ContextSync) -> str:
    """Name for name: the CRM call as one more step, under the run's retries=3."""
    lead_id = str(ctx.event.data["lead_id"])
    ctx.step.run("send-welcome", leads.send_email, lead_id, "welcome")
    ctx.step.run("note-welcome", leads.add_crm_note, lead_id, "welcome sent")
    return "noted"


def test_the_crm_call_as_a_step_fails_after_4_attempts(
    fresh_db: leads.Database,
) -> None:
    fresh_db.crm_down_for = 5
    result = run(crm_as_a_step)
    assert result.status == "Failed"
    assert result.attempts("note-welcome") == 4  # 1 call + 3 retries
    assert fresh_db.notes == []


def test_the_sdk_has_no_backoff_setting() -> None:
    options = inspect.signature(client.create_function).parameters
    assert [o for o in options if "retr" in o or "backoff" in o] == ["retries"]


def test_step_run_has_no_time_limit() -> None:
    for step in (inngest.Step, inngest.StepSync):
        parameters = inspect.signature(step.run).parameters
        assert [p for p in parameters if "time" in p or "limit" in p] == []
    options = inspect.signature(client.create_function).parameters
    assert [o for o in options if "time" in o or "limit" in o] == [
        "rate_limit",
        "timeouts",
    ]
    assert list(inngest.Timeouts.model_fields) == ["start", "finish"]


# --- rate_limit is throttle: one throttled function for every CRM call -------


def test_the_crm_function_registers_a_throttle_not_a_rate_limit() -> None:
    config = kit.registered_config(workflow.crm_add_note)
    assert config["throttle"] == {"limit": 10, "period": "1s", "burst": 1}
    assert "rateLimit" not in config
    assert config["concurrency"] == [{"limit": 4}]
    assert config["steps"]["step"]["retries"] == {"attempts": 5}
    assert kit.registered_config(workflow.nurture_lead)["steps"]["step"]["retries"] == {
        "attempts": 3
    }


def test_every_crm_call_is_one_run_of_the_throttled_function(
    fresh_db: leads.Database,
) -> None:
    executor = kit.serve_functions(client, FUNCTIONS)
    reassigned = inngest.Event(
        name="lead/reassigned", data={"lead_id": "lead-1", "owner": "ana"}
    )
    runs = [
        executor.run(
            workflow.nurture_lead,
            workflow.lead_created("lead-1"),
            waits={"await-reply": [REPLY]},
        ),
        executor.run(workflow.note_reassignment, reassigned),
    ]
    invoked = [
        op.opts["function_id"]
        for r in runs
        for op in r.ops
        if op.op == "InvokeFunction"
    ]
    assert invoked == [workflow.crm_add_note.id] * 2
    assert [child.steps() for r in runs for child in r.children] == [["add-note"]] * 2
    assert runs[1].output == "note-2"
    assert fresh_db.notes == [
        ("lead-1", "welcome sent: msg-1"),
        ("lead-1", "owner: ana"),
    ]


# --- duplicates after 24 hours: the claim in your database ------------------


def test_a_duplicate_after_24_hours_is_stopped_by_the_claim(
    fresh_db: leads.Database,
) -> None:
    # The kit starts every run, as the server does once the 24 hours of
    # idempotency="event.data.lead_id" (and of the event id) are over.
    outputs = [run().output, run().output]
    assert outputs == ["followed-up", "duplicate"]
    assert fresh_db.emails == [("lead-1", "welcome"), ("lead-1", "follow-up")]


@client.create_function(
    fn_id="nurture-lead-idempotency-only",
    trigger=inngest.TriggerEvent(event="lead/created"),
    idempotency="event.data.lead_id",
)
def idempotency_only(ctx: inngest.ContextSync) -> str:
    """Name for name: Inngest's idempotency key as the only de-duplication."""
    lead_id = str(ctx.event.data["lead_id"])
    ctx.step.run("send-welcome", leads.send_email, lead_id, "welcome")
    return "welcomed"


def test_idempotency_alone_welcomes_a_late_duplicate_twice(
    fresh_db: leads.Database,
) -> None:
    assert kit.registered_config(idempotency_only)["idempotency"] == (
        "event.data.lead_id"
    )
    assert [run(idempotency_only).output for _ in range(2)] == ["welcomed"] * 2
    assert fresh_db.emails == [("lead-1", "welcome")] * 2


def test_a_retried_claim_still_owns_the_lead(
    fresh_db: leads.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = leads.claim
    lost: list[str] = []

    def claim_then_lose_the_answer(lead_id: str, owner: str) -> bool:
        claimed = claim(lead_id, owner)
        if not lost:  # the row is written, the response never arrives
            lost.append(owner)
            raise ConnectionError("connection reset")
        return claimed

    monkeypatch.setattr(leads, "claim", claim_then_lose_the_answer)
    result = run()
    assert result.attempts("claim-lead") == 2
    assert result.output == "followed-up"  # the same run id: still the owner
    assert fresh_db.owners == {"lead-1": lost[0]}


def test_the_reply_webhook_records_the_reply_and_sends_the_event(
    fresh_db: leads.Database, inngest_api: kit.FakeInngestAPI
) -> None:
    workflow.on_reply("lead-1")
    assert fresh_db.replied == {"lead-1"}
    assert [(e["name"], e["data"]) for e in inngest_api.events] == [
        ("lead/replied", {"lead_id": "lead-1"})
    ]
