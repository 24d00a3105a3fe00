"""Syncing: what the PUT sends, and who may trigger it."""

import json
from importlib import metadata

import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite import paths
from snippets.guides.deploy import config, sync
from tests.guides.deploy.production import KEY, env_settings, shell_command

SYNC_SH = paths.SNIPPETS / "guides" / "deploy" / "sync.sh"
SYNC_REQUEST = paths.SNIPPETS / "guides" / "deploy" / "sync_request.json"


def test_the_deploy_step_puts_to_the_serve_endpoint() -> None:
    words = shell_command(SYNC_SH, "put")
    assert words[0] == "curl"
    assert words[words.index("-X") + 1] == "PUT"
    assert words[-1].endswith(kit.SERVE_PATH)


def test_the_deploy_step_calls_the_rest_api_for_this_app() -> None:
    words = shell_command(SYNC_SH, "rest")
    assert words[0] == "curl"
    assert words[words.index("-X") + 1] == "POST"
    url = words[words.index("-X") + 2]
    app_id = config.create_client().app_id
    assert url == f"https://api.inngest.com/v2/apps/{app_id}/syncs"
    assert words[words.index("-H") + 1] == "Authorization: Bearer $INNGEST_API_KEY"
    body = json.loads(words[words.index("-d") + 1])
    assert body == {"url": "https://shop.example.com" + kit.SERVE_PATH}


def test_an_unsigned_put_makes_the_app_register_itself(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    res = TestClient(config.create_app(config.create_client())).put("/api/inngest")
    assert res.status_code == 200
    assert res.headers["x-inngest-sync-kind"] == "out_of_band"
    [synced] = inngest_api.syncs
    [fn] = synced["functions"]
    assert fn["triggers"] == [{"event": "shop/order.paid"}]
    # One URL per function: the step ids in the code are not registered.
    assert list(fn["steps"]) == ["step"]
    assert fn["steps"]["step"]["runtime"] == {
        "type": "http",
        "url": "http://testserver/api/inngest?fnId=shop-ship-order&stepId=step",
    }
    assert synced["deploy_type"] == "ping"


def test_the_environment_variable_also_hardens_the_endpoint(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    # The hardening line exactly as the page shows it.
    [(name, value)] = env_settings("hardening").items()
    production.setenv(name, value)
    res = TestClient(config.create_app(config.create_client())).put("/api/inngest")
    assert (res.status_code, res.json()) == (401, {"message": "Unauthorized"})
    assert inngest_api.sync_headers == []


def test_hardened_endpoint_refuses_an_unsigned_put(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    client = TestClient(sync.create_hardened_app(config.create_client()))
    res = client.put("/api/inngest")
    assert (res.status_code, res.json()) == (401, {"message": "Unauthorized"})
    assert inngest_api.sync_headers == []  # nothing reached Inngest


def test_hardened_endpoint_accepts_a_put_signed_with_the_key(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    client = TestClient(sync.create_hardened_app(config.create_client()))
    res = client.put(
        "/api/inngest", headers={"x-inngest-signature": kit.sign(b"", KEY)}
    )
    assert res.status_code == 200
    assert len(inngest_api.syncs) == 1


def test_hardened_endpoint_answers_inngests_signed_in_band_sync(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    client = TestClient(sync.create_hardened_app(config.create_client()))
    body = kit.canonical_json({"url": "https://shop.example.com/api/inngest"})
    headers = {
        "content-type": "application/json",
        "x-inngest-sync-kind": "in_band",
        "x-inngest-signature": kit.sign(body, KEY),
    }
    res = client.put("/api/inngest", content=body, headers=headers)
    assert res.status_code == 200
    assert res.headers["x-inngest-sync-kind"] == "in_band"
    answer = json.loads(res.text)
    assert answer["url"] == "https://shop.example.com/api/inngest"
    assert [f["id"] for f in answer["functions"]] == ["shop-ship-order"]
    assert answer["inspection"]["authentication_succeeded"] is True
    assert "x-inngest-signature" in res.headers  # the answer is signed too
    assert inngest_api.sync_headers == []  # no separate request to Inngest
    unsigned = client.put(
        "/api/inngest", content=body, headers={"x-inngest-sync-kind": "in_band"}
    )
    assert unsigned.status_code == 401


def test_dev_mode_ignores_the_hardening(
    monkeypatch: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    monkeypatch.delenv("INNGEST_SIGNING_KEY", raising=False)
    client = TestClient(sync.create_hardened_app(config.create_client()))
    assert kit.sync(client, inngest_api)["url"] == "http://testserver/api/inngest"


@pytest.fixture
def synced(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> dict[str, object]:
    """What the app registers when synced (the page's sync_request.json)."""
    production.setenv("GIT_SHA", "4f2c1e9")
    app = config.create_app(config.create_client())
    registered: dict[str, object] = kit.sync(TestClient(app), inngest_api)
    return registered


def test_the_page_shows_exactly_what_the_app_registers(
    synced: dict[str, object],
) -> None:
    shown = json.loads(SYNC_REQUEST.read_text())
    # All but the SDK's version string, which the next test checks: against
    # another SDK only that differs, and it is version bookkeeping, not drift.
    assert {**synced, "sdk": None} == {**shown, "sdk": None}


@pytest.mark.sdk_pin
def test_the_page_shows_the_version_string_of_the_pinned_sdk(
    synced: dict[str, object],
) -> None:
    shown = json.loads(SYNC_REQUEST.read_text())
    assert synced["sdk"] == shown["sdk"] == f"py:v{metadata.version('inngest')}"
