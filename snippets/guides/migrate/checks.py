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
    "batchEvents": "runs once for a batch of events",
    "timeouts.start": "cancels a run that has not started in time",
}


def assert_keeps_every_event(fn: inngest.Function[Any]) -> None:
    """Fail if `fn` registers an option that drops or merges events.

    `idempotency=` is left out: it skips only a repeat of the same key.
    """
    config = kit.registered_config(fn)
    config["timeouts.start"] = config.get("timeouts", {}).get("start")
    found = [
        f"{option} {why}" for option, why in DISCARDS.items() if config.get(option)
    ]
    assert not found, f"{fn.id} does not run once per event: " + "; ".join(found)


# --8<-- [end:check]
