"""A frozen clock for the SDK's sleeps, so a wake-up time can be checked exactly."""

import datetime
import types

import pytest
from inngest._internal.step_lib import step_async

from tests.quick_reference.clock import NOW, FrozenClock


@pytest.fixture
def sdk_now(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """Freeze the clock `step.sleep` adds its duration to; return that instant."""
    clock = types.SimpleNamespace(**{**vars(datetime), "datetime": FrozenClock})
    monkeypatch.setattr(step_async, "datetime", clock)
    return NOW
