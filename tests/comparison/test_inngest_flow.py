"""The Inngest version, driven through the SDK's own FastAPI serve handler."""

import asyncio

import inngest

import inngest_kit as kit
from snippets.comparison import inngest_flow, leads

NEW_LEAD = inngest.Event(name="lead/created", data={"lead_id": "lead-1"})


def _executor() -> kit.Executor:
    return kit.serve_functions(inngest_flow.client, [inngest_flow.nurture_lead])


def test_no_reply_means_a_follow_up() -> None:
    run = _executor().run(
        inngest_flow.nurture_lead, NEW_LEAD, waits={"await-reply": []}
    )
    assert (run.status, run.output) == ("Completed", "followed-up")
    assert leads.world.sent == [("lead-1", "welcome"), ("lead-1", "follow-up")]
    # One request per step (send, note, wait, follow-up) plus the final one.
    assert run.requests == 5
    assert run.steps() == [
        "send-welcome",
        "note-welcome",
        "await-reply",
        "send-follow-up",
    ]


def test_a_reply_from_this_lead_stops_the_workflow() -> None:
    replies = [
        inngest.Event(name="lead/replied", data={"lead_id": "lead-2"}),
        inngest.Event(name="lead/replied", data={"lead_id": "lead-1"}),
    ]
    run = _executor().run(
        inngest_flow.nurture_lead, NEW_LEAD, waits={"await-reply": replies}
    )
    assert run.output == "replied"
    assert leads.world.sent == [("lead-1", "welcome")]


def test_a_reply_before_the_wait_is_found_in_the_database() -> None:
    leads.record_reply("lead-1")  # arrived while the welcome was being sent
    run = _executor().run(
        inngest_flow.nurture_lead, NEW_LEAD, waits={"await-reply": []}
    )
    # The wait never saw the reply and timed out; the follow-up step checked.
    assert run.output == "replied"
    assert leads.world.sent == [("lead-1", "welcome")]


def test_a_retry_reruns_only_the_failing_step() -> None:
    leads.fail_next("send welcome")
    leads.fail_next("note")
    run = _executor().run(
        inngest_flow.nurture_lead, NEW_LEAD, waits={"await-reply": []}
    )
    assert run.completed
    # Each failing step ran twice; the welcome was not sent again when the
    # note failed, because its result was already stored.
    assert leads.world.calls == [
        "send welcome",
        "send welcome",
        "note",
        "note",
        "send follow-up",
    ]
    assert [run.attempts(s) for s in ("send-welcome", "note-welcome")] == [2, 2]
    assert run.steps("StepError") == ["send-welcome", "note-welcome"]


def test_the_wait_ends_the_request_and_holds_nothing() -> None:
    executor = _executor()
    memos = {
        kit.hashed_step_id("send-welcome"): {"data": "msg-1"},
        kit.hashed_step_id("note-welcome"): {"data": None},
    }
    status, _, ops = executor.post(
        inngest_flow.nurture_lead.id,
        kit.request_body([NEW_LEAD], steps=memos, stack=list(memos)),
    )
    # The SDK answers "wait for lead/replied for up to 2 days" and the HTTP
    # request is over: no process, thread or connection stays open. Stored
    # steps were not run again.
    assert status == 206
    assert [(op["op"], op["name"], op["opts"]) for op in ops] == [
        (
            "WaitForEvent",
            "lead/replied",
            {"if": "async.data.lead_id == event.data.lead_id", "timeout": "2d"},
        )
    ]
    assert leads.world.calls == []


def test_dedupe_and_cancel_are_registered_for_the_server() -> None:
    config = kit.registered_config(inngest_flow.nurture_lead)
    # Enforced by the Inngest server, not by the SDK: offline we can only
    # check that the app registers them.
    assert config["idempotency"] == "event.data.lead_id"
    assert config["cancel"] == [
        {"event": "lead/unsubscribed", "if": "async.data.lead_id == event.data.lead_id"}
    ]
    assert config["steps"]["step"]["retries"] == {"attempts": 3}


def test_start_and_reply_send_events(inngest_api: kit.FakeInngestAPI) -> None:
    asyncio.run(inngest_flow.start("lead-1"))
    asyncio.run(inngest_flow.on_reply("lead-1"))
    assert leads.has_replied("lead-1")
    assert [(e["name"], e["data"]) for e in inngest_api.events] == [
        ("lead/created", {"lead_id": "lead-1"}),
        ("lead/replied", {"lead_id": "lead-1"}),
    ]
