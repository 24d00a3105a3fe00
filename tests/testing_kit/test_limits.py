"""Runs the limit-demonstrating tests of snippets/testing_kit/limits.py."""

from snippets.testing_kit import limits
from snippets.testing_kit.limits import (
    test_mocked_needs_a_sync_test,
    test_mocked_retries_a_non_retriable_error,
    test_mocked_send_returns_placeholder_ids,
    test_mocked_skips_json_serialization,
    test_replay_does_not_enforce_flow_control,
    test_replay_does_not_wait_for_timers,
)

__all__ = [
    "test_mocked_needs_a_sync_test",
    "test_mocked_retries_a_non_retriable_error",
    "test_mocked_send_returns_placeholder_ids",
    "test_mocked_skips_json_serialization",
    "test_replay_does_not_enforce_flow_control",
    "test_replay_does_not_wait_for_timers",
]


def test_every_limit_is_collected_here() -> None:
    shown = {name for name in dir(limits) if name.startswith("test_")}
    assert shown == set(__all__)
