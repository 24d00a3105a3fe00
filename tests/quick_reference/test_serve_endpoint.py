import inngest
from starlette.testclient import TestClient

from inngest_kit import FakeInngestAPI, request_body, sync
from snippets.quick_reference import serve_endpoint


def test_get_shows_what_is_served() -> None:
    body = TestClient(serve_endpoint.app).get("/api/inngest").json()
    assert body["function_count"] == 2
    assert body["mode"] == "dev"


def test_put_syncs_every_listed_function(inngest_api: FakeInngestAPI) -> None:
    synced = sync(TestClient(serve_endpoint.app), inngest_api)
    assert [f["id"] for f in synced["functions"]] == [
        "quick-reference-step-run-basic",
        "quick-reference-renewal-notice",
    ]
    assert synced["url"] == "http://testserver/api/inngest"
    step_url = synced["functions"][0]["steps"]["step"]["runtime"]["url"]
    assert (
        step_url
        == "http://testserver/api/inngest?fnId=quick-reference-step-run-basic&stepId=step"
    )


def test_a_function_missing_from_serve_is_not_found() -> None:
    body = request_body([inngest.Event(name="qr/trial.started")])
    res = TestClient(serve_endpoint.app).post(
        "/api/inngest",
        params={"fnId": "quick-reference-send-reminder", "stepId": "step"},
        json=body,
    )
    assert res.status_code == 500
    assert res.json()["message"] == "function quick-reference-send-reminder not found"
