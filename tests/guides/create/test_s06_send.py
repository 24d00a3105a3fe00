from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.guides.create import s06_send
from snippets.guides.create.s01_app import app


def test_a_valid_signup_sends_the_event(inngest_api: kit.FakeInngestAPI) -> None:
    body = {"user_id": "u-1", "email": "ada@example.com"}
    res = TestClient(app).post("/signups", json=body)
    assert res.status_code == 202
    assert len(res.json()["event_ids"]) == 1
    assert inngest_api.events[0]["name"] == "app/user.signed-up"
    assert inngest_api.events[0]["data"] == {**body, "plan": "free"}
    routes = [r for r in app.routes if getattr(r, "path", "") == "/signups"]
    assert [getattr(r, "endpoint", None) for r in routes] == [s06_send.sign_up]


def test_a_bad_signup_is_refused_and_sends_nothing(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    res = TestClient(app).post("/signups", json={"user_id": "u-1"})
    assert res.status_code == 422
    assert res.json()["detail"][0]["loc"] == ["body", "email"]
    assert inngest_api.events == []
