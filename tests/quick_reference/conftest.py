"""A frozen clock for the SDK's sleeps, so a wake-up time can be checked exactly."""

import datetime
import types

import pytest
from inngest._internal.step_lib import step_async

NOW = datetime.datetime(2030, 1, 1, 9, 0, 0).astimezone()


class _FrozenClock(datetime.datetime):
    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> "_FrozenClock":
        return cls.fromtimestamp(NOW.timestamp(), tz)


@pytest.fixture
def sdk_now(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """Freeze the clock `step.sleep` adds its duration to; return that instant."""
    clock = types.SimpleNamespace(**{**vars(datetime), "datetime": _FrozenClock})
    monkeypatch.setattr(step_async, "datetime", clock)
    return NOW


def wake_time(iso: str | None) -> datetime.datetime:
    """The wake-up time a Sleep op reports (its name), as a datetime."""
    assert iso is not None
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
