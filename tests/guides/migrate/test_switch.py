"""One flag per workflow: a new lead goes to Celery or to Inngest, never both;
a lead that reaches both anyway (the flip, a redelivered webhook) acts once."""

import inngest
import pytest
from celery import Celery

import inngest_kit as kit
from snippets.guides.migrate import leads, legacy, switch, workflow
from tests.guides.migrate.broker import queued


@pytest.fixture
def flag(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("INNGEST_WORKFLOWS", raising=False)
    return monkeypatch


def test_without_the_flag_a_new_lead_goes_to_celery(
    celery_app: Celery, flag: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    switch.start_nurture("lead-1")
    assert queued(celery_app) == 1
    assert inngest_api.events == []


def test_with_the_flag_a_new_lead_goes_to_inngest(
    celery_app: Celery, flag: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    flag.setenv("INNGEST_WORKFLOWS", "send-invoices,nurture-lead")
    switch.start_nurture("lead-1")
    assert queued(celery_app) == 0
    assert [(e["name"], e["id"], e["data"]) for e in inngest_api.events] == [
        ("lead/created", "lead-created-lead-1", {"lead_id": "lead-1"})
    ]


@pytest.mark.parametrize("value", ["", "nurture-lead-v2", "send-invoices"])
def test_only_the_named_workflow_moves(flag: pytest.MonkeyPatch, value: str) -> None:
    flag.setenv("INNGEST_WORKFLOWS", value)
    assert not switch.on_inngest("nurture-lead")


def test_a_lead_that_reaches_both_systems_is_welcomed_once(
    celery_app: Celery,
    flag: pytest.MonkeyPatch,
    inngest_api: kit.FakeInngestAPI,
    fresh_db: leads.Database,
) -> None:
    switch.start_nurture("lead-1")  # before the flip: Celery
    assert legacy.welcome.apply(("lead-1",), task_id="t-1").get() == "welcomed"
    flag.setenv("INNGEST_WORKFLOWS", "nurture-lead")
    switch.start_nurture("lead-1")  # the lead source delivers it again
    [sent] = inngest_api.events
    executor = kit.serve_functions(
        workflow.client, [workflow.nurture_lead, workflow.crm_add_note]
    )
    run = executor.run(
        workflow.nurture_lead,
        inngest.Event(name=sent["name"], id=sent["id"], data=sent["data"]),
    )
    assert run.output == "duplicate"
    assert fresh_db.emails == [("lead-1", "welcome")]
