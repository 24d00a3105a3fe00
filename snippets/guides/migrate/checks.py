"""A test to run on every migrated function: nothing in it discards events."""

# --8<-- [start:check]
from typing import Any

import inngest

import inngest_kit as kit

DISCARDS = {
    "rateLimit": "skips events over the limit; Celery's rate_limit delays them: "
    "use throttle",
    "debounce": "runs once for a burst of events, with the last one",
    "singleton": "skips (or cancels) a run while another one is active",
}


def assert_keeps_every_event(fn: inngest.Function[Any]) -> None:
    """Fail if `fn` registers an option that drops or merges events."""
    config = kit.registered_config(fn)
    found = [f"{option} {why}" for option, why in DISCARDS.items() if option in config]
    assert not found, f"{fn.id} does not run once per event: " + "; ".join(found)


# --8<-- [end:check]
