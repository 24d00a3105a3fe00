import os
import subprocess
import sys
from pathlib import Path

import fastapi
import inngest
import inngest.fast_api
import pytest
from inngest._internal import errors  # the classes are not exported

import inngest_kit as kit
from snippets.leadflow import main
from snippets.leadflow.client import make_client
from snippets.leadflow.settings import Settings, SettingsError

SIGNING_KEY = "signkey-prod-" + "cd" * 32
# The folder the app's package is imported from.
APP_ROOT = Path(main.__file__).parents[main.__name__.count(".")]


def test_production_settings_give_a_client_that_checks_signatures() -> None:
    prod = Settings.from_env(
        {"INNGEST_SIGNING_KEY": SIGNING_KEY, "INNGEST_EVENT_KEY": "evt"}
    )
    prod_client = make_client(prod)
    assert prod_client.is_production is True

    @prod_client.create_function(
        fn_id="ping", trigger=inngest.TriggerEvent(event="workflow/ping")
    )
    async def ping(ctx: inngest.Context) -> str:
        return "pong"

    assert prod_client.signing_key == SIGNING_KEY
    # Production mode runs only signed requests (the debug guide's test shows
    # unsigned ones refused with 401): this one is signed with the key.
    signed = kit.serve_functions(prod_client, [ping], signing_key=SIGNING_KEY)
    assert signed.run(ping, inngest.Event(name="workflow/ping")).output == "pong"


def test_without_our_settings_check_the_sdk_fails_with_empty_messages() -> None:
    # Why settings.py checks the keys itself: the SDK's errors say nothing.
    bare = inngest.Inngest(app_id="bare", is_production=True)

    @bare.create_function(fn_id="f", trigger=inngest.TriggerEvent(event="workflow/f"))
    async def f(ctx: inngest.Context) -> None:
        return None

    with pytest.raises(errors.SigningKeyMissingError) as served:
        inngest.fast_api.serve(fastapi.FastAPI(), bare, [f])
    assert str(served.value) == ""
    with pytest.raises(errors.EventKeyUnspecifiedError) as sent:
        bare.send_sync(inngest.Event(name="workflow/f"))
    assert str(sent.value) == ""


def test_importing_the_app_without_keys_stops_it_naming_them() -> None:
    # As `uvicorn leadflow.main:app` starts in production mode without keys.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("INNGEST_", "LEADFLOW_", "COV_", "COVERAGE_"))
    }
    started = subprocess.run(
        [sys.executable, "-c", f"import {main.__name__}"],
        env=env,
        cwd=APP_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert started.returncode == 1
    assert started.stderr.strip().splitlines()[-1] == (
        f"{SettingsError.__module__}.SettingsError: production mode (INNGEST_DEV is "
        "not set) needs ['INNGEST_SIGNING_KEY', 'INNGEST_EVENT_KEY']; set them, or "
        "set INNGEST_DEV=1 to use the Dev Server"
    )
