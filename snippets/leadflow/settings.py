"""Settings from environment variables: nothing secret lives in the code."""

# --8<-- [start:settings]
import dataclasses
import datetime
import os
from collections.abc import Mapping


class SettingsError(RuntimeError):
    """The environment cannot run the app; the message says what to set."""


@dataclasses.dataclass(frozen=True)
class Settings:
    dev: bool  # (1)!
    signing_key: str | None
    event_key: str | None
    reply_timeout: datetime.timedelta

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        dev = env.get("INNGEST_DEV", "").strip().lower() not in ("", "0", "false")
        signing_key = env.get("INNGEST_SIGNING_KEY") or None
        event_key = env.get("INNGEST_EVENT_KEY") or None
        if not dev:  # (2)!
            missing = [
                name
                for name, value in [
                    ("INNGEST_SIGNING_KEY", signing_key),
                    ("INNGEST_EVENT_KEY", event_key),
                ]
                if value is None
            ]
            if missing:
                raise SettingsError(
                    f"production mode (INNGEST_DEV is not set) needs {missing}; "
                    "set them, or set INNGEST_DEV=1 to use the Dev Server"
                )
        hours = env.get("LEADFLOW_REPLY_TIMEOUT_HOURS", "48")
        if not hours.isdigit() or int(hours) < 1:
            raise SettingsError(
                f"LEADFLOW_REPLY_TIMEOUT_HOURS must be a whole number of hours "
                f">= 1, got {hours!r}"
            )
        return cls(
            dev=dev,
            signing_key=signing_key,
            event_key=event_key,
            reply_timeout=datetime.timedelta(hours=int(hours)),  # (3)!
        )


# --8<-- [end:settings]
