"""The stand-in for Inngest's HTTP API (events and syncs), and serving functions."""

import re
import threading
import time

import fastapi
import httpx
import inngest
import inngest.fast_api
import pytest
from starlette.testclient import TestClient

import inngest_kit as kit

SIGNING_KEY = "signkey-test-" + "ab" * 32
ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")


def test_fake_api_records_events_and_syncs(inngest_api: kit.FakeInngestAPI) -> None:
    client = inngest.Inngest(app_id="kit-dev")

    @client.create_function(
        fn_id="noop", trigger=inngest.TriggerEvent(event="kit/noop")
    )
    async def noop(ctx: inngest.Context) -> None:
        return None

    ids = client.send_sync(inngest.Event(name="kit/noop"))
    assert inngest_api.event_names() == ["kit/noop"]
    assert len(ids) == 1
    executor = kit.serve_functions(client, [noop])
    synced = kit.sync(executor.client, inngest_api)
    assert [f["id"] for f in synced["functions"]] == ["kit-dev-noop"]
    assert executor.client.post("/api/inngest?fnId=x", content=b"{}").status_code == 500
    inngest_api.reset()
    assert inngest_api.syncs == []


def test_event_ids_are_ulids_of_the_time_they_were_sent(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    # Inngest's Event API answers with ULIDs: 26 characters of Crockford base
    # 32, the first 10 the time in milliseconds (so they sort by time).
    before = int(time.time() * 1000)
    ids = inngest.Inngest(app_id="kit-ids").send_sync(
        [inngest.Event(name="kit/a"), inngest.Event(name="kit/b")]
    )
    after = int(time.time() * 1000)
    assert all(ULID.fullmatch(i) for i in ids)
    assert len(set(ids)) == 2
    crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for sent in ids:
        ms = 0
        for char in sent[:10]:
            ms = ms * 32 + crockford.index(char)
        assert before <= ms <= after


def test_fake_api_unknown_route(inngest_api: kit.FakeInngestAPI) -> None:
    assert httpx.post(inngest_api.url + "/nope", json={}).status_code == 404
    assert httpx.post(inngest_api.url + "/fn/other", json={}).status_code == 404
    assert inngest_api.syncs == []


def test_sync_failure_is_reported(inngest_api: kit.FakeInngestAPI) -> None:
    client = inngest.Inngest(app_id="kit-nosync", api_base_url="http://127.0.0.1:9")

    @client.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    with pytest.raises(kit.KitError, match="sync failed"):
        kit.sync(kit.serve_functions(client, [x]).client, inngest_api)


def test_fake_api_stops() -> None:
    api = kit.FakeInngestAPI().start()
    api.stop()
    kit.FakeInngestAPI().stop()  # never started: nothing to do


def test_the_fake_api_never_keeps_the_test_process_alive() -> None:
    before = set(threading.enumerate())
    api = kit.FakeInngestAPI().start()
    try:
        [server] = set(threading.enumerate()) - before
        assert server.daemon
    finally:
        api.stop()


def test_fake_api_can_require_a_signing_key(inngest_api: kit.FakeInngestAPI) -> None:
    inngest_api.signing_keys.append(SIGNING_KEY)
    refused = httpx.post(inngest_api.url + "/fn/register", json={})
    accepted = httpx.post(
        inngest_api.url + "/fn/register",
        json={"app": 1},
        headers={"Authorization": f"Bearer {kit.bearer(SIGNING_KEY)}"},
    )
    assert (refused.status_code, accepted.status_code) == (401, 200)
    assert inngest_api.syncs == [{"app": 1}]
    assert len(inngest_api.sync_headers) == 2
    inngest_api.reset()
    assert inngest_api.signing_keys == []
    assert inngest_api.sync_headers == []


def test_a_partly_accepted_batch_is_a_400_with_the_accepted_ids(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    inngest_api.accept_at_most = 1
    events = [{"name": "kit/a"}, {"name": "kit/b"}]
    res = httpx.post(inngest_api.url + "/e/key", json=events)
    assert res.status_code == 400
    body = res.json()
    assert (body["status"], body["error"], len(body["ids"])) == (
        400,
        "accepted 1 of 2 events",
        1,
    )
    assert inngest_api.event_names() == ["kit/a"]
    assert inngest_api.event_keys == ["key"]
    inngest_api.reset()
    assert inngest_api.accept_at_most is None


@pytest.mark.parametrize("size", [1, 300])
def test_an_accepted_batch_is_a_200_with_one_id_per_event(
    inngest_api: kit.FakeInngestAPI, size: int
) -> None:
    batch = [{"name": "kit/a", "data": {"n": n}} for n in range(size)]
    res = httpx.post(inngest_api.url + "/e/key", json=batch)
    assert res.status_code == 200
    body = res.json()
    assert (body["status"], len(set(body["ids"]))) == (200, size)
    assert inngest_api.events == batch


def test_a_sync_that_reached_another_api_is_reported(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    other = kit.FakeInngestAPI().start()
    try:
        elsewhere = inngest.Inngest(app_id="kit-elsewhere", api_base_url=other.url)

        @elsewhere.create_function(
            fn_id="x", trigger=inngest.TriggerEvent(event="kit/x")
        )
        async def x(ctx: inngest.Context) -> None:
            return None

        served = kit.serve_functions(elsewhere, [x])
        with pytest.raises(kit.KitError, match="sync failed: 200"):
            kit.sync(served.client, inngest_api)
        assert len(other.syncs) == 1
    finally:
        other.stop()


def test_sync_returns_the_latest_sync(inngest_api: kit.FakeInngestAPI) -> None:
    synced = []
    for app_id in ("kit-first", "kit-second"):
        app = inngest.Inngest(app_id=app_id)

        @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
        async def x(ctx: inngest.Context) -> None:
            return None

        synced.append(kit.sync(kit.serve_functions(app, [x]).client, inngest_api))
    assert [s["appname"] for s in synced] == ["kit-first", "kit-second"]


def test_sync_counts_the_new_sync_however_many_came_before(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    inngest_api.syncs.extend({"appname": f"old-{n}"} for n in range(300))
    app = inngest.Inngest(app_id="kit-latest")

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    assert kit.sync(kit.serve_functions(app, [x]).client, inngest_api)["appname"] == (
        "kit-latest"
    )


@pytest.mark.parametrize(
    ("status", "recorded"), [(199, 1), (201, 1), (500, 1), (200, 2)]
)
def test_a_sync_is_one_registration_answered_200(
    inngest_api: kit.FakeInngestAPI, status: int, recorded: int
) -> None:
    app = fastapi.FastAPI()

    @app.put(kit.SERVE_PATH)
    def register() -> fastapi.Response:
        for _ in range(recorded):  # it reached the API
            inngest_api.syncs.append({"appname": "kit-half"})
        return fastapi.Response("answer", status_code=status)

    with pytest.raises(kit.KitError, match=f"sync failed: {status} answer"):
        kit.sync(TestClient(app), inngest_api)


def test_the_app_answers_a_sync_with_what_the_api_answered(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    app = inngest.Inngest(app_id="kit-answer")

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    answer = kit.serve_functions(app, [x]).client.put(kit.SERVE_PATH)
    assert answer.json() == {"ok": True, "modified": True}  # as Inngest answers


def test_inspect_reports_mode_and_function_count() -> None:
    app = inngest.Inngest(app_id="kit-inspect")

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    @app.create_function(fn_id="y", trigger=inngest.TriggerEvent(event="kit/y"))
    async def y(ctx: inngest.Context) -> None:
        return None

    executor = kit.serve_functions(app, [x, y])
    assert executor.inspect()["function_count"] == 2
    assert executor.inspect()["mode"] == "dev"


def test_inspect_of_a_production_app_is_unauthorized() -> None:
    # inspect() is unsigned; a production-mode app answers it with a 401.
    app = inngest.Inngest(
        app_id="kit-inspect-prod", is_production=True, signing_key=SIGNING_KEY
    )

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    executor = kit.serve_functions(app, [x], signing_key=SIGNING_KEY)
    assert executor.inspect() == {"message": "Unauthorized"}


def test_a_production_client_without_a_key_is_told_to_set_inngest_dev() -> None:
    # Without INNGEST_DEV a client starts in production mode, and the SDK's
    # serve() refuses it with an empty SigningKeyMissingError.
    app = inngest.Inngest(app_id="kit-prod-nokey", is_production=True)

    @app.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> None:
        return None

    with pytest.raises(kit.KitError, match=r"production mode.*set INNGEST_DEV"):
        kit.serve_functions(app, [x])
    from inngest._internal.errors import SigningKeyMissingError

    with pytest.raises(SigningKeyMissingError) as sdk_error:  # the SDK alone
        inngest.fast_api.serve(fastapi.FastAPI(), app, [x])
    assert str(sdk_error.value) == ""  # says nothing


def test_other_errors_of_serve_are_the_sdks_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def serve(*args: object) -> None:
        raise ValueError("serve failed")

    monkeypatch.setattr(inngest.fast_api, "serve", serve)
    with pytest.raises(ValueError, match="serve failed"):
        kit.serve_functions(inngest.Inngest(app_id="kit-broken"), [])
