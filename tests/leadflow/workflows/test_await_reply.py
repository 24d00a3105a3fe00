"""await-reply: the reply arrives, or the wait times out and we follow up;
an appointment for the same lead cancels the run."""

import inngest
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.leadflow.events import AppointmentBooked, AwaitReply, ReplyReceived
from snippets.leadflow.workflows.await_reply import await_reply
from snippets.leadflow.workflows.replies import process_reply
from tests.leadflow.samples import event, example

START = event("workflow/await-reply", AwaitReply)


def reply(lead_id: str) -> inngest.Event:
    return event("api/reply-received", ReplyReceived, lead_id=lead_id)


def test_the_leads_reply_ends_the_wait_without_a_follow_up(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    run = executor.run(await_reply, START, waits={"wait-for-reply": [reply("lead-42")]})
    assert run.output == {"lead_id": "lead-42", "outcome": "replied"}
    assert run.steps() == ["wait-for-reply"]
    assert outbox == []


def test_another_leads_reply_does_not_match_so_the_wait_times_out(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    run = executor.run(await_reply, START, waits={"wait-for-reply": [reply("lead-7")]})
    assert run.output["outcome"] == "followed-up"
    assert run.steps() == ["wait-for-reply", "check-crm-for-reply", "send-follow-up"]
    assert [(m["kind"], m["to"]) for m in outbox] == [("email", "ada@example.com")]


@pytest.mark.parametrize(
    ("channel", "contact"), [("email", "ada@example.com"), ("phone", "+1555")]
)
def test_the_follow_up_goes_by_the_leads_channel(
    channel: str,
    contact: str,
    executor: kit.Executor,
    outbox: list[dict[str, str]],
) -> None:
    start = event("workflow/await-reply", AwaitReply, channel=channel, contact=contact)
    run = executor.run(await_reply, start, waits={"wait-for-reply": []})
    assert run.output["outcome"] == "followed-up"
    assert [(m["kind"], m["to"]) for m in outbox] == [(channel, contact)]


def test_a_timeout_sends_exactly_one_follow_up(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    run = executor.run(await_reply, START, waits={"wait-for-reply": []})
    assert run.output == {
        "lead_id": "lead-42",
        "outcome": "followed-up",
        "sent": outbox[0]["id"],
    }
    assert len(outbox) == 1


def test_a_reply_sent_before_the_wait_starts_is_found_in_the_crm(
    app_client: TestClient,
    executor: kit.Executor,
    inngest_api: kit.FakeInngestAPI,
    outbox: list[dict[str, str]],
) -> None:
    """The fast reply: the lead answers the intro before await-reply's wait starts.

    A wait only sees events sent after it starts, so the wait times out (no
    event is handed to it); the reply reached the CRM through the webhook and
    process-reply, and the follow-up is not sent.
    """
    body = example(ReplyReceived)
    assert app_client.post("/webhooks/replies", json=body).status_code == 202
    [twin] = [e for e in inngest_api.events if e["name"] == "workflow/process-reply"]
    executor.run(process_reply, inngest.Event(name=twin["name"], data=twin["data"]))
    outbox.clear()  # the task for sales

    run = executor.run(await_reply, START, waits={"wait-for-reply": []})
    assert run.output == {"lead_id": "lead-42", "outcome": "replied"}
    assert run.steps() == ["wait-for-reply", "check-crm-for-reply"]
    assert outbox == []


def test_the_wait_is_registered_with_the_timeout_from_settings(
    executor: kit.Executor,
) -> None:
    run = executor.run(await_reply, START, waits={"wait-for-reply": []})
    [wait] = [o for o in run.ops if o.op == "WaitForEvent"]
    assert wait.name == "api/reply-received"
    assert wait.opts == {
        "if": "async.data.lead_id == event.data.lead_id",
        "timeout": "2d",  # LEADFLOW_REPLY_TIMEOUT_HOURS defaults to 48
    }


def test_registration_cancel_concurrency_idempotency() -> None:
    config = kit.registered_config(await_reply)
    assert config["triggers"] == [{"event": "workflow/await-reply"}]
    assert config["cancel"] == [
        {
            "event": "api/appointment-booked",
            "if": "async.data.lead_id == event.data.lead_id",
        }
    ]
    assert config["concurrency"] == [{"key": "event.data.lead_id", "limit": 1}]
    assert config["idempotency"] == "event.data.lead_id"
    assert "retries" not in config["steps"]["step"]  # server default: 4 retries


def test_the_appointment_webhook_sends_the_event_that_cancels_this_leads_run(
    app_client: TestClient, inngest_api: kit.FakeInngestAPI
) -> None:
    # What the server does with the cancel config: when an api/appointment-booked
    # event arrives, cancel each await-reply run whose `if` is true for it.
    for lead_id in ("lead-42", "lead-7"):
        body = {**example(AppointmentBooked), "lead_id": lead_id}
        assert app_client.post("/webhooks/appointments", json=body).status_code == 202
    booked = [e for e in inngest_api.events if e["name"] == "api/appointment-booked"]
    [cancel] = kit.registered_config(await_reply)["cancel"]
    run_event = START.model_dump(mode="json")
    verdicts = [kit.matches(cancel["if"], event=run_event, awaited=e) for e in booked]
    assert verdicts == [True, False]
