"""A frozen clock for the SDK's sleeps, and the wake-up time a Sleep op reports.

`step.sleep` sends an absolute wake-up time (now + the duration), so a test
freezes "now" with the `sdk_now` fixture and checks the duration exactly. The
conftest.py of each test folder that needs it imports the fixture from here.
"""

import datetime
import types

import pytest
from inngest._internal.step_lib import step_async

NOW = datetime.datetime(2030, 1, 1, 9, 0, 0).astimezone()


class FrozenClock(datetime.datetime):
    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> "FrozenClock":
        return cls.fromtimestamp(NOW.timestamp(), tz)


@pytest.fixture
def sdk_now(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """Freeze the clock `step.sleep` adds its duration to; return that instant."""
    clock = types.SimpleNamespace(**{**vars(datetime), "datetime": FrozenClock})
    monkeypatch.setattr(step_async, "datetime", clock)
    return NOW


def wake_time(iso: str | None) -> datetime.datetime:
    """The wake-up time a Sleep op reports (its name), as a datetime."""
    assert iso is not None
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
