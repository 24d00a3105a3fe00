"""Runs the reader-facing tests of snippets/guides/debug/strategies.py.

pytest collects the imported `test_*` functions as tests of this module.
"""

import asyncio

import pytest

from snippets.guides.debug import strategies
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
