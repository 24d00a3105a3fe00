"""Production mode: missing keys, signature checks, key rotation, timestamps."""

import logging
import socket
import time
import traceback

import inngest
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.guides.debug.production import create_app
from tests.guides.debug.messages import lines, message

KEY = "signkey-prod-" + "ab" * 32
NEW_KEY = "signkey-prod-" + "cd" * 32
FN_ID = "shop-ship-order"
EVENT = inngest.Event(name="shop/order.paid", data={"order_id": "o-1"})


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No INNGEST_DEV: the client is in production (Cloud) mode."""
    monkeypatch.delenv("INNGEST_DEV")
    return monkeypatch


def _last_line(err: BaseException) -> str:
    return traceback.format_exception_only(err)[-1].rstrip("\n")


def test_serve_without_a_signing_key_fails_with_an_empty_message(
    production: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Exception) as info:  # noqa: PT011 (the class is private)
        create_app()
    assert type(info.value).__name__ == "SigningKeyMissingError"
    assert str(info.value) == ""
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert [logged[-1], _last_line(info.value)] == lines("signing-key-missing")


def test_signing_key_from_the_environment_is_enough(
    production: pytest.MonkeyPatch,
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    app, client = create_app()
    assert client.is_production
    run = kit.Executor(TestClient(app), [], signing_key=KEY).run(FN_ID, EVENT)
    assert run.output == "shipping o-1"


def test_dev_mode_needs_no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNGEST_DEV", "1")
    app, client = create_app()
    assert not client.is_production
    assert kit.Executor(TestClient(app), []).run(FN_ID, EVENT).completed


def test_send_without_an_event_key_fails_before_any_request(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    production.setenv("INNGEST_EVENT_API_BASE_URL", inngest_api.url)
    _, client = create_app()
    with pytest.raises(Exception) as info:  # noqa: PT011 (the class is private)
        client.send_sync(EVENT)
    assert type(info.value).__name__ == "EventKeyUnspecifiedError"
    assert str(info.value) == ""
    assert _last_line(info.value) == message("event-key-missing")
    assert inngest_api.events == []


def test_send_with_an_event_key_from_the_environment(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    production.setenv("INNGEST_EVENT_KEY", "event-key-from-env")
    production.setenv("INNGEST_EVENT_API_BASE_URL", inngest_api.url)
    _, client = create_app()
    assert len(client.send_sync(EVENT)) == 1
    assert inngest_api.event_keys == ["event-key-from-env"]


def test_send_with_no_server_listening_fails_after_about_three_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as closed:  # bound, not listening: connections refused
        closed.bind(("127.0.0.1", 0))
        dev_server = f"http://127.0.0.1:{closed.getsockname()[1]}"
        monkeypatch.setenv("INNGEST_DEV", dev_server)  # dev mode, nothing there
        _, client = create_app()
        assert not client.is_production
        start = time.monotonic()
        with pytest.raises(Exception) as info:  # noqa: PT011 (the class is private)
            client.send_sync(EVENT)
        waited = time.monotonic() - start
    assert type(info.value).__name__ == "SendEventsError"
    assert _last_line(info.value) == message("send-no-response")
    # Five attempts, 0.1 + 0.2 + 0.4 + 0.8 + 1.6 s of backoff (plus jitter).
    assert 3.1 <= waited < 10


def test_production_endpoint_rejects_unsigned_wrong_and_tampered_requests(
    production: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    app, _ = create_app()
    executor = kit.Executor(TestClient(app), [])
    cases = kit.signature_cases(kit.request_body(EVENT), KEY)
    answers = {}
    for case, (raw, headers) in cases.items():
        caplog.clear()
        res = executor.client.post(
            "/api/inngest", params={"fnId": FN_ID}, content=raw, headers=headers
        )
        logs = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        answers[case] = (res.status_code, res.text, logs)
    unauthorized = f"{answers['unsigned'][0]} {answers['unsigned'][1]}"
    assert [unauthorized, *answers["unsigned"][2]] == lines("unauthorized")
    # A wrong signature logs "unauthorized: " with nothing after the colon.
    assert answers["wrong-key"] == (
        401,
        '{"message": "Unauthorized"}',
        ["unauthorized: "],
    )
    assert answers["tampered"] == answers["wrong-key"]
    assert answers["signed"][:2] == (200, '"shipping o-1"')


def test_an_unsigned_get_in_production_mode_is_refused(
    production: pytest.MonkeyPatch,
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    app, _ = create_app()
    unsigned = TestClient(app).get("/api/inngest")
    assert (unsigned.status_code, unsigned.json()) == (401, {"message": "Unauthorized"})
    # Only a signed GET (Inngest's own) sees the inspection, with mode "cloud".
    signed = TestClient(app).get(
        "/api/inngest", headers={"x-inngest-signature": kit.sign(b"", KEY)}
    )
    assert signed.status_code == 200
    assert (signed.json()["mode"], signed.json()["function_count"]) == ("cloud", 1)


def test_rotation_accepts_the_old_key_as_fallback(
    production: pytest.MonkeyPatch,
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", NEW_KEY)
    app, _ = create_app()
    old_only = kit.Executor(TestClient(app), [], signing_key=KEY)
    assert old_only.post(FN_ID, kit.request_body(EVENT))[0] == 401

    production.setenv("INNGEST_SIGNING_KEY_FALLBACK", KEY)
    app, _ = create_app()
    for key in (NEW_KEY, KEY):
        run = kit.Executor(TestClient(app), [], signing_key=key).run(FN_ID, EVENT)
        assert run.output == "shipping o-1", key


def test_the_sdk_does_not_check_the_signature_age(
    production: pytest.MonkeyPatch,
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    app, _ = create_app()
    raw = kit.canonical_json(kit.request_body(EVENT))
    year_2001 = kit.sign(raw, KEY, unix_seconds=1_000_000_000)
    res = TestClient(app).post(
        "/api/inngest",
        params={"fnId": FN_ID},
        content=raw,
        headers={"content-type": "application/json", "x-inngest-signature": year_2001},
    )
    assert (res.status_code, res.json()) == (200, "shipping o-1")


@pytest.fixture
def cloud_api(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> kit.FakeInngestAPI:
    production.setenv("INNGEST_SIGNING_KEY", KEY)
    production.setenv("INNGEST_API_BASE_URL", inngest_api.url)
    return inngest_api


def test_by_default_an_unsigned_sync_registers_the_url_from_the_host_header(
    cloud_api: kit.FakeInngestAPI,
) -> None:
    app, _ = create_app()
    res = TestClient(app).put("/api/inngest", headers={"host": "attacker.example"})
    assert res.status_code == 200
    assert cloud_api.syncs[-1]["url"] == "http://attacker.example/api/inngest"


def test_serve_origin_is_the_address_a_signed_sync_registers(
    cloud_api: kit.FakeInngestAPI, production: pytest.MonkeyPatch
) -> None:
    production.setenv("INNGEST_SERVE_ORIGIN", "https://shop.example.com")
    app, _ = create_app()
    signed = TestClient(app).put(
        "/api/inngest",
        headers={"host": "attacker.example", "x-inngest-signature": kit.sign(b"", KEY)},
    )
    assert signed.status_code == 200
    assert cloud_api.syncs[-1]["url"] == "https://shop.example.com/api/inngest"


def test_an_unsigned_get_or_refused_sync_gets_the_same_401_and_log_line(
    cloud_api: kit.FakeInngestAPI,
    production: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    production.setenv("INNGEST_ENABLE_UNAUTHED_SYNC", "false")
    app, _ = create_app()
    for method in ("GET", "PUT"):
        caplog.clear()
        res = TestClient(app).request(method, "/api/inngest")
        logs = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        assert [f"{res.status_code} {res.text}", *logs] == lines("unauthorized"), method
    assert cloud_api.syncs == []
