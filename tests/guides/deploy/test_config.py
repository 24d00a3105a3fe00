"""Production configuration: what the SDK reads, registers and sends at sync."""

import logging
import re
import traceback
from importlib import metadata

import pytest
from inngest._internal.const import EnvKey
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite import embeds, paths
from snippets.guides.deploy import config
from tests.guides.debug.messages import lines, message
from tests.guides.deploy.production import ENV_FILE, KEY, OLD_KEY


def _names(section: str) -> list[str]:
    text = embeds.section_text(ENV_FILE, section)
    return re.findall(r"^([A-Z_]+)=", text, re.MULTILINE)


def test_the_env_file_names_only_variables_the_sdk_reads() -> None:
    """production.env, as the page shows it: variables the SDK reads, no INNGEST_DEV."""
    read = {key.value for key in EnvKey}
    sections = ("env", "rotation", "branch", "proxy", "hardening")
    named = {name for section in sections for name in _names(section)}
    assert named <= read, named - read
    assert "INNGEST_DEV" not in named  # production mode is the default


def test_a_sync_registers_the_url_the_request_came_to(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("GIT_SHA", "4f2c1e9")
    synced = kit.sync(
        TestClient(config.create_app(config.create_client())), inngest_api
    )
    assert synced["url"] == "http://testserver/api/inngest"
    assert synced["appname"] == "shop"
    assert synced["appVersion"] == "4f2c1e9"
    assert [f["id"] for f in synced["functions"]] == ["shop-ship-order"]
    [headers] = inngest_api.sync_headers
    # The key itself never leaves the app: the SDK sends a hash of it.
    assert headers["authorization"] == f"Bearer {kit.bearer(KEY)}"
    assert KEY.removeprefix("signkey-prod-") not in str(headers)
    assert headers["x-inngest-sdk"] == f"inngest-py:v{metadata.version('inngest')}"
    assert "x-inngest-env" not in headers


def test_serve_origin_and_path_from_the_environment(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("INNGEST_SERVE_ORIGIN", "https://shop.example.com")
    production.setenv("INNGEST_SERVE_PATH", "/internal/inngest")
    client = TestClient(config.create_app(config.create_client()))
    # The path moves the endpoint itself, not only the registered URL.
    assert client.put("/api/inngest").status_code == 404
    synced = kit.sync(client, inngest_api, serve_path="/internal/inngest")
    assert synced["url"] == "https://shop.example.com/internal/inngest"


def test_behind_a_proxy_the_public_path_is_registered(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    client = TestClient(config.create_app_behind_proxy(config.create_client()))
    synced = kit.sync(client, inngest_api)  # the app still listens on /api/inngest
    assert synced["url"] == "https://shop.example.com/orders/api/inngest"


def test_a_serve_origin_without_a_scheme_becomes_https(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("INNGEST_SERVE_ORIGIN", "localhost:8000")
    client = TestClient(config.create_app(config.create_client()))
    synced = kit.sync(client, inngest_api)
    assert f'"url": "{synced["url"]}"' == message("serve-origin-scheme")


def test_inngest_env_is_sent_with_the_sync(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("INNGEST_ENV", "feature-checkout")
    client = config.create_client()
    assert client.env == "feature-checkout"
    kit.sync(TestClient(config.create_app(client)), inngest_api)
    assert inngest_api.sync_headers[-1]["x-inngest-env"] == "feature-checkout"


def test_a_platform_branch_variable_sets_the_environment(
    production: pytest.MonkeyPatch,
) -> None:
    production.setenv("RENDER_GIT_BRANCH", "feature-render")
    assert config.create_client().env == "feature-render"
    production.setenv("INNGEST_ENV", "explicit")
    assert config.create_client().env == "explicit"


def test_a_branch_key_without_a_branch_environment_warns(
    production: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(
        logging.WARNING
    )  # a Celery worker in the run may raise the root level
    production.setenv("INNGEST_SIGNING_KEY", "signkey-branch-" + "ab" * 32)
    config.create_client()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == [message("branch-env-missing")]


def test_the_fallback_key_is_tried_when_inngest_refuses_the_new_one(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    inngest_api.signing_keys.append(OLD_KEY)  # Inngest still knows the old key only
    production.setenv("INNGEST_SIGNING_KEY_FALLBACK", OLD_KEY)
    kit.sync(TestClient(config.create_app(config.create_client())), inngest_api)
    tried = [h["authorization"] for h in inngest_api.sync_headers]
    assert tried == [f"Bearer {kit.bearer(KEY)}", f"Bearer {kit.bearer(OLD_KEY)}"]


def test_a_refused_sync_still_answers_200(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    inngest_api.signing_keys.append(OLD_KEY)
    client = TestClient(config.create_app(config.create_client()))
    res = client.put("/api/inngest")
    assert len(inngest_api.sync_headers) == 1
    assert inngest_api.syncs == []
    assert (res.status_code, res.json()) == (200, {"error": "unauthorized"})


def test_a_signing_key_with_the_wrong_prefix_breaks_the_sync(
    production: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    production.setenv("INNGEST_SIGNING_KEY", "signkey_prod_" + "ab" * 32)
    app = config.create_app(config.create_client())
    with pytest.raises(ValueError, match="non-hexadecimal") as info:
        TestClient(app).put("/api/inngest")
    last = traceback.format_exception_only(info.value)[-1].rstrip("\n")
    res = TestClient(app, raise_server_exceptions=False).put("/api/inngest")
    assert [last, f"{res.status_code} {res.text}"] == lines("signing-key-prefix")
    assert inngest_api.sync_headers == []  # it fails before any request
    # Requests signed by Inngest with the real key are refused as well.
    executor = kit.Executor(
        TestClient(app), [], signing_key="signkey-prod-" + "ab" * 32
    )
    event = kit.event_for(config.shop_functions(config.create_client())[0])
    assert executor.post("shop-ship-order", kit.request_body(event))[0] == 401


def test_the_page_table_lists_every_variable_the_sdk_reads() -> None:
    page = (paths.DOCS / "guides" / "deploy.md").read_text()
    table = page.split("{#env-vars}", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([A-Z][A-Z_]+)`", table))
    assert listed == {key.value for key in EnvKey}
