"""Runs the reader-facing tests of snippets/guides/debug/strategies.py.

pytest collects the imported `test_*` functions as tests of this module.
"""

import asyncio
import datetime
from collections.abc import Callable
from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.debug import strategies
from snippets.guides.debug.app import client
from snippets.guides.debug.strategies import (
    test_mocked_trigger_runs_the_whole_function,
    test_production_endpoint_requires_a_valid_signature,
    test_serve_handler_replay,
    test_step_body_is_a_plain_function,
)

__all__ = [
    "test_mocked_trigger_runs_the_whole_function",
    "test_production_endpoint_requires_a_valid_signature",
    "test_serve_handler_replay",
    "test_step_body_is_a_plain_function",
]


def test_every_strategy_is_collected_here() -> None:
    shown = {name for name in dir(strategies) if name.startswith("test_")}
    assert shown == set(__all__)


def test_the_signature_strategy_fails_when_the_check_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With INNGEST_DEV set the app is in Dev Server mode and accepts anything:
    # the strategy's own assertions then fail, so it really tests something.
    monkeypatch.setattr(monkeypatch, "delenv", lambda *a, **k: None)
    with pytest.raises(AssertionError, match="unsigned"):
        test_production_endpoint_requires_a_valid_signature(monkeypatch)


def test_the_function_sleeps_10_minutes_after_the_greeting() -> None:
    event = inngest.Event(
        name="debug/user.signed-up", data={"name": "Ada", "plan": "pro"}
    )
    before = datetime.datetime.now(datetime.UTC)
    run = kit.serve_functions(client, [strategies.greet_signup]).run(
        strategies.greet_signup, event
    )
    after = datetime.datetime.now(datetime.UTC)
    [sleep] = [op for op in run.ops if op.op == "Sleep"]
    assert sleep.name is not None
    wake = datetime.datetime.fromisoformat(sleep.name.replace("Z", "+00:00"))
    ten = datetime.timedelta(minutes=10)
    # The SDK reports the wake-up time in whole milliseconds.
    assert before + ten - datetime.timedelta(milliseconds=1) <= wake <= after + ten


# A strategy that cannot fail is no strategy: each must fail on a wrong function.
WRONG_GREETINGS = ["Welcome, Ada", "Welcome, Ada! Thanks for going pro!!"]


@pytest.mark.parametrize("greeting", WRONG_GREETINGS, ids=["shorter", "longer"])
@pytest.mark.parametrize(
    "strategy",
    [
        test_step_body_is_a_plain_function,
        test_mocked_trigger_runs_the_whole_function,
        test_serve_handler_replay,
    ],
)
def test_each_strategy_fails_on_a_wrong_greeting(
    strategy: Callable[[], None], greeting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def wrong(name: str, plan: str) -> str:
        return greeting

    monkeypatch.setattr(strategies, "build_greeting", wrong)
    with pytest.raises(AssertionError):
        strategy()


@pytest.mark.parametrize(
    ("rejected", "accepted"),
    [(500, 206), (401, 200), (401, 500)],
    ids=["a crash for a bad signature", "the whole run at once", "a crash"],
)
def test_the_signature_strategy_fails_on_other_statuses(
    rejected: int, accepted: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 401 is the signature check, 206 "the first step ran": not any 4xx/5xx or 2xx.
    real = kit.Executor.post_raw

    def post_raw(self: kit.Executor, *args: Any, **kwargs: Any) -> Any:
        status, headers, body = real(self, *args, **kwargs)
        return (rejected if status == 401 else accepted), headers, body

    monkeypatch.setattr(kit.Executor, "post_raw", post_raw)
    with pytest.raises(AssertionError):
        test_production_endpoint_requires_a_valid_signature(monkeypatch)


async def _greet(name: str, plan: str) -> str:
    return "Welcome, Ada! Thanks for going pro!"


@client.create_function(
    fn_id="greet-without-sleep", trigger=inngest.TriggerEvent(event="debug/x")
)
async def _fewer_steps(ctx: inngest.Context) -> dict[str, object]:
    return {"greeting": await ctx.step.run("build-greeting", _greet, "Ada", "pro")}


@client.create_function(
    fn_id="greet-with-extra-step", trigger=inngest.TriggerEvent(event="debug/x")
)
async def _more_steps(ctx: inngest.Context) -> dict[str, object]:
    greeting = await ctx.step.run("build-greeting", _greet, "Ada", "pro")
    await ctx.step.sleep("let-it-sink-in", datetime.timedelta(minutes=10))
    await ctx.step.run("extra", _greet, "Ada", "pro")
    return {"greeting": greeting}


@pytest.mark.parametrize("fn", [_fewer_steps, _more_steps], ids=["fewer", "more"])
def test_the_replay_strategy_fails_on_other_steps(
    fn: inngest.Function[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(strategies, "greet_signup", fn)
    with pytest.raises(AssertionError):
        test_serve_handler_replay()


# --8<-- [start:third-value]
@pytest.mark.parametrize(
    ("plan", "greeting"),
    [
        ("pro", "Welcome, Ada! Thanks for going pro!"),
        ("free", "Welcome, Ada!"),
        ("team", "Welcome, Ada!"),  # any plan but "pro": no thanks
    ],
)
def test_only_the_pro_plan_is_thanked(plan: str, greeting: str) -> None:
    assert asyncio.run(strategies.build_greeting("Ada", plan)) == greeting


# --8<-- [end:third-value]
