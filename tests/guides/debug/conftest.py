"""Fixtures of the debug guide's tests."""

from tests.clock import sdk_now

__all__ = ["sdk_now"]
