"""Four ways to test one function, from the fastest to the most faithful.

The `test_*` functions here are what a reader copies into their own test
suite; tests/guides/debug/test_strategies.py collects and runs them.
"""

# --8<-- [start:function]
import asyncio
import datetime

import inngest

from .app import client


async def build_greeting(name: str, plan: str) -> str:  # (1)!
    suffix = " Thanks for going pro!" if plan == "pro" else ""
    return f"Welcome, {name}!{suffix}"


@client.create_function(
    fn_id="greet-signup",
    trigger=inngest.TriggerEvent(event="debug/user.signed-up"),
)
async def greet_signup(ctx: inngest.Context) -> dict[str, object]:
    data = ctx.event.data
    greeting = await ctx.step.run(
        "build-greeting", build_greeting, str(data["name"]), str(data["plan"])
    )
    await ctx.step.sleep("let-it-sink-in", datetime.timedelta(minutes=10))
    return {"greeting": greeting}


# --8<-- [end:function]


# --8<-- [start:unit]
def test_step_body_is_a_plain_function() -> None:
    assert asyncio.run(build_greeting("Ada", "pro")) == (
        "Welcome, Ada! Thanks for going pro!"
    )


# --8<-- [end:unit]


# --8<-- [start:mocked]
from inngest.experimental import mocked  # noqa: E402

import inngest_kit as kit  # noqa: E402

mock_client = mocked.Inngest(app_id="debug-guide-tests", is_production=False)


def test_mocked_trigger_runs_the_whole_function() -> None:  # (1)!
    event = inngest.Event(
        name="debug/user.signed-up", data={"name": "Ada", "plan": "free"}
    )
    with kit.event_loop():  # (2)!
        result = mocked.trigger(greet_signup, event, mock_client)
    assert result.status is mocked.Status.COMPLETED
    assert result.output == {"greeting": "Welcome, Ada!"}


# --8<-- [end:mocked]


# --8<-- [start:replay]
def test_serve_handler_replay() -> None:
    executor = kit.serve_functions(client, [greet_signup])
    event = inngest.Event(
        name="debug/user.signed-up", data={"name": "Ada", "plan": "pro"}
    )
    run = executor.run(greet_signup, event)
    assert run.completed
    assert run.steps() == ["build-greeting", "let-it-sink-in"]  # (1)!
    assert run.output == {"greeting": "Welcome, Ada! Thanks for going pro!"}


# --8<-- [end:replay]


# --8<-- [start:signature]
import fastapi  # noqa: E402
import inngest.fast_api  # noqa: E402
import pytest  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

SIGNING_KEY = "signkey-test-" + "12" * 32  # a test key, never a real one


def test_production_endpoint_requires_a_valid_signature(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("INNGEST_DEV", raising=False)
    monkeypatch.setenv("INNGEST_SIGNING_KEY", SIGNING_KEY)
    prod = inngest.Inngest(app_id="debug-guide")  # production mode
    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, prod, [greet_signup])
    executor = kit.Executor(TestClient(app), [greet_signup])
    body = kit.request_body(
        inngest.Event(name="debug/user.signed-up", data={"name": "A", "plan": "x"})
    )
    cases = kit.signature_cases(body, SIGNING_KEY)
    for case in ("unsigned", "wrong-key", "tampered"):
        status, _, _ = executor.post_raw(greet_signup.id, *cases[case])
        assert status == 401, case
    status, _, _ = executor.post_raw(greet_signup.id, *cases["signed"])
    assert status == 206  # accepted: the first step ran


# --8<-- [end:signature]
