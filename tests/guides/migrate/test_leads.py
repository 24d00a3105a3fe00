"""The stand-ins: a claim belongs to its first owner, the CRM fails on demand."""

import pytest

from snippets.guides.migrate import leads


def test_the_first_owner_keeps_the_lead_and_may_claim_it_again() -> None:
    run_id = "run-1"
    assert leads.claim("lead-1", f"inngest:{run_id}")
    # A retried step sends an equal owner, not the same string object.
    assert leads.claim("lead-1", f"inngest:{run_id}")
    assert not leads.claim("lead-1", "celery:task-9")
    assert not leads.claim("lead-1", "inngest:run-2")
    assert leads.claim("lead-2", "celery:task-9")
    assert leads.db.owners == {"lead-1": "inngest:run-1", "lead-2": "celery:task-9"}


def test_the_crm_works_until_told_to_fail(fresh_db: leads.Database) -> None:
    assert [leads.add_crm_note("lead-1", "hi") for _ in range(2)] == [
        "note-1",
        "note-2",
    ]


def test_the_crm_fails_as_often_as_told_then_adds_the_note(
    fresh_db: leads.Database,
) -> None:
    fresh_db.crm_down_for = 2
    for _ in range(2):
        with pytest.raises(leads.CrmUnavailable, match="503"):
            leads.add_crm_note("lead-1", "hello")
    assert leads.add_crm_note("lead-1", "hello") == "note-1"
    assert (fresh_db.crm_calls, fresh_db.notes) == (3, [("lead-1", "hello")])


def test_emails_get_message_ids_and_replies_are_recorded() -> None:
    assert leads.send_email("lead-1", "welcome") == "msg-1"
    assert leads.send_email("lead-1", "follow-up") == "msg-2"
    assert not leads.has_replied("lead-1")
    leads.record_reply("lead-1")
    assert leads.has_replied("lead-1")
    assert not leads.has_replied("lead-2")
