"""Webhooks validate their body, then send the api/ and workflow/ twins."""

import re

import pydantic
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.leadflow import webhooks
from snippets.leadflow.events import AppointmentBooked, NewLead, ReplyReceived
from tests.leadflow.samples import example

ROUTES = [
    ("/webhooks/leads", NewLead, ["api/new-lead", "workflow/new-lead"]),
    (
        "/webhooks/replies",
        ReplyReceived,
        ["api/reply-received", "workflow/process-reply"],
    ),
    (
        "/webhooks/appointments",
        AppointmentBooked,
        ["api/appointment-booked", "workflow/confirm-appointment"],
    ),
]


@pytest.mark.parametrize(("path", "model", "names"), ROUTES)
def test_a_valid_body_sends_both_events_with_the_same_data(
    path: str,
    model: type[pydantic.BaseModel],
    names: list[str],
    app_client: TestClient,
    inngest_api: kit.FakeInngestAPI,
) -> None:
    res = app_client.post(path, json=example(model))
    assert res.status_code == 202
    assert len(res.json()["event_ids"]) == 2
    assert inngest_api.event_names() == names
    api, workflow = inngest_api.events
    assert api["data"] == workflow["data"] == example(model)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"name": "Ada", "email": "a@b.c", "strategy": "email"}, "lead_id"),
        (
            {"lead_id": "1", "name": "Ada", "strategy": "phone"},
            "needs the 'phone' field",
        ),
        ({**example(NewLead), "strategy": "fax"}, "'email' or 'phone'"),
        ({**example(NewLead), "leadId": "1"}, "leadId"),
    ],
)
def test_a_bad_body_gets_422_naming_the_problem_and_sends_nothing(
    body: dict[str, str],
    problem: str,
    app_client: TestClient,
    inngest_api: kit.FakeInngestAPI,
) -> None:
    res = app_client.post("/webhooks/leads", json=body)
    assert res.status_code == 422
    assert problem in res.text
    assert inngest_api.events == []


def test_an_appointment_time_must_be_a_datetime(
    app_client: TestClient, inngest_api: kit.FakeInngestAPI
) -> None:
    res = app_client.post(
        "/webhooks/appointments", json={"lead_id": "1", "starts_at": "Friday"}
    )
    assert res.status_code == 422
    assert res.json()["detail"][0]["loc"] == ["body", "starts_at"]
    assert inngest_api.events == []


def test_a_partly_accepted_batch_answers_502_naming_what_was_sent(
    app_client: TestClient, inngest_api: kit.FakeInngestAPI
) -> None:
    inngest_api.accept_at_most = 1  # the event API takes the api/ event only
    res = app_client.post("/webhooks/leads", json=example(NewLead))
    assert res.status_code == 502
    detail = res.json()["detail"]
    assert detail["message"] == "accepted 1 of 2 events"
    assert len(detail["sent_event_ids"]) == 1
    assert inngest_api.event_names() == ["api/new-lead"]


def test_a_resend_carries_the_same_event_ids(
    app_client: TestClient, inngest_api: kit.FakeInngestAPI
) -> None:
    """Inngest drops a repeated event id, so the sender's retry is safe."""
    for _ in range(2):
        assert (
            app_client.post("/webhooks/leads", json=example(NewLead)).status_code == 202
        )
    first, second = inngest_api.events[:2], inngest_api.events[2:]
    assert [e["id"] for e in first] == [e["id"] for e in second]
    assert len({e["id"] for e in first}) == 2
    other = {**example(NewLead), "lead_id": "lead-7"}
    app_client.post("/webhooks/leads", json=other)
    assert inngest_api.events[4]["id"] != first[0]["id"]


def test_the_two_event_names_must_be_passed_by_keyword() -> None:
    # Two strings in a row are easy to swap: the names are keyword-only.
    payload = ReplyReceived.model_validate(example(ReplyReceived))
    with pytest.raises(TypeError, match="positional"):
        webhooks.send_dual(payload, "api/reply-received", "workflow/process-reply")  # type: ignore[call-arg,unused-coroutine]


def test_an_event_id_is_the_name_and_a_hash_of_the_data() -> None:
    data: dict[str, object] = {"lead_id": "lead-42", "source": "web"}
    made = webhooks.event_id("api/new-lead", data)
    assert re.fullmatch(r"api/new-lead:[0-9a-f]{32}", made)
    # The same delivery, whatever the order of its fields, gets the same id.
    assert webhooks.event_id("api/new-lead", dict(reversed(data.items()))) == made
    assert webhooks.event_id("workflow/new-lead", data) != made
    assert webhooks.event_id("api/new-lead", {**data, "lead_id": "lead-7"}) != made
