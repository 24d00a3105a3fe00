from starlette.testclient import TestClient

from inngest_kit import FakeInngestAPI, sync
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
