"""Each outreach workflow can also run on its own, from its own event."""

import inngest
import pydantic
import pytest

import inngest_kit as kit
from snippets.leadflow.events import NewLead
from snippets.leadflow.workflows.new_lead import new_lead
from snippets.leadflow.workflows.outreach import (
    InvokedLead,
    email_outreach,
    phone_outreach,
)
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


def _invoked_event(executor: kit.Executor, strategy: str) -> inngest.Event:
    """The event the server starts an outreach run with when new-lead invokes it."""
    lead = event("workflow/new-lead", NewLead, strategy=strategy, phone="+1555")
    run = executor.run(new_lead, lead)
    [child] = run.children
    return inngest.Event(name=child.event["name"], data=child.event["data"])


@pytest.mark.parametrize("strategy", ["email", "phone"])
def test_an_invoked_outreach_accepts_the_servers_metadata(
    strategy: str, executor: kit.Executor
) -> None:
    invoked = _invoked_event(executor, strategy)
    assert invoked.name == "inngest/function.invoked"
    metadata = invoked.data["_inngest"]
    assert isinstance(metadata, dict)
    assert metadata["fn_id"] == f"leadflow-{strategy}-outreach"
    assert metadata["name"] == f"contact-by-{strategy}"
    lead = InvokedLead.model_validate(invoked.data)
    assert lead.invocation == metadata
    assert (
        lead.model_dump(exclude={"invocation"})
        == NewLead.model_validate(
            {k: v for k, v in invoked.data.items() if k != "_inngest"}
        ).model_dump()
    )


def test_an_invoked_outreach_still_refuses_other_unknown_fields(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    invoked = _invoked_event(executor, "email")
    outbox.clear()
    typo = inngest.Event(name=invoked.name, data={**invoked.data, "stratgey": "x"})
    run = executor.run(email_outreach, typo)
    assert run.status == "Failed"
    assert "stratgey" in run.error["message"]
    assert "Extra inputs are not permitted" in run.error["message"]
    assert outbox == []
    with pytest.raises(pydantic.ValidationError, match="stratgey"):
        InvokedLead.model_validate(typo.data)
