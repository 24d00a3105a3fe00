"""Each outreach workflow can also run on its own, from its own event."""

from snippets.leadflow.events import NewLead
from snippets.leadflow.workflows.outreach import email_outreach, phone_outreach
from snippets.testing_kit import kit
from tests.leadflow.samples import event


def test_email_outreach_sends_one_intro_email(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    run = executor.run(email_outreach, event("workflow/email-outreach", NewLead))
    assert run.steps() == ["send-intro-email"]
    assert [(m["kind"], m["to"]) for m in outbox] == [("email", "ada@example.com")]
    assert run.output == outbox[0]["id"]


def test_phone_outreach_texts_then_queues_a_call(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    lead = event("workflow/phone-outreach", NewLead, strategy="phone", phone="+1555")
    run = executor.run(phone_outreach, lead)
    assert run.steps() == ["text-heads-up", "queue-call"]
    assert [m["kind"] for m in outbox] == ["sms", "call"]
    assert run.output == outbox[1]["id"]
