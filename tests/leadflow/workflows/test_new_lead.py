"""new-lead branches by strategy with step.invoke, then starts await-reply."""

import pytest

import inngest_kit as kit
from snippets.leadflow.events import NewLead
from snippets.leadflow.workflows.new_lead import new_lead
from tests.leadflow.samples import event


def test_email_strategy_invokes_email_outreach_then_starts_the_wait(
    executor: kit.Executor,
    inngest_api: kit.FakeInngestAPI,
    outbox: list[dict[str, str]],
) -> None:
    run = executor.run(new_lead, event("workflow/new-lead", NewLead))
    assert run.completed, run.error
    assert run.steps() == ["contact-by-email", "start-await-reply"]
    [invoke] = [o for o in run.ops if o.op == "InvokeFunction"]
    assert invoke.opts["function_id"] == "leadflow-email-outreach"
    assert [m["kind"] for m in outbox] == ["email"]
    assert run.output == {
        "lead_id": "lead-42",
        "channel": "email",
        "sent": outbox[0]["id"],
    }
    assert inngest_api.events[-1]["name"] == "workflow/await-reply"
    assert inngest_api.events[-1]["data"] == {
        "lead_id": "lead-42",
        "channel": "email",
        "contact": "ada@example.com",
    }


def test_phone_strategy_invokes_phone_outreach(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    lead = event("workflow/new-lead", NewLead, strategy="phone", phone="+1555")
    run = executor.run(new_lead, lead)
    assert run.completed, run.error
    assert run.steps()[0] == "contact-by-phone"
    assert [(m["kind"], m["to"]) for m in outbox] == [
        ("sms", "+1555"),
        ("call", "+1555"),
    ]
    assert run.output["sent"] == outbox[-1]["id"]


@pytest.mark.parametrize("strategy", ["email", "phone"])
def test_replays_never_contact_the_lead_twice(
    strategy: str, executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    lead = event("workflow/new-lead", NewLead, strategy=strategy, phone="+1555")
    run = executor.run(new_lead, lead)
    # Several HTTP calls per run, yet every message went out exactly once.
    assert run.requests >= 3
    assert (
        len(outbox)
        == len({m["id"] for m in outbox})
        == (1 if strategy == "email" else 2)
    )


def test_a_retried_webhook_starts_no_second_run() -> None:
    config = kit.registered_config(new_lead)
    assert config["idempotency"] == "event.data.lead_id"
