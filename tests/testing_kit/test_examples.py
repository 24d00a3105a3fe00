"""Runs the reader-facing tests of snippets/testing_kit/examples.py."""

from snippets.testing_kit import examples
from snippets.testing_kit.examples import (
    test_a_flaky_charge_is_retried,
    test_checkout_completes_when_the_shipment_is_confirmed,
    test_checkout_times_out_without_a_shipment,
    test_mocked_with_step_stubs,
    test_the_registered_config,
)

__all__ = [
    "test_a_flaky_charge_is_retried",
    "test_checkout_completes_when_the_shipment_is_confirmed",
    "test_checkout_times_out_without_a_shipment",
    "test_mocked_with_step_stubs",
    "test_the_registered_config",
]


def test_every_example_test_is_collected_here() -> None:
    shown = {name for name in dir(examples) if name.startswith("test_")}
    assert shown == set(__all__)
