"""A frozen clock for the SDK's sleeps, and the wake-up time a Sleep op reports."""

import datetime

NOW = datetime.datetime(2030, 1, 1, 9, 0, 0).astimezone()


class FrozenClock(datetime.datetime):
    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> "FrozenClock":
        return cls.fromtimestamp(NOW.timestamp(), tz)


def wake_time(iso: str | None) -> datetime.datetime:
    """The wake-up time a Sleep op reports (its name), as a datetime."""
    assert iso is not None
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
