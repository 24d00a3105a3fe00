"""The legacy Celery app's in-memory broker, as the migration tests use it."""

import time
from collections.abc import Callable

from celery import Celery

QUEUE = "migrate-guide"
"""The Celery app's queue in these tests: no other test's worker takes from it."""


def in_memory(app: Celery) -> Celery:
    """`app` on the in-memory broker, sending to and taking from QUEUE."""
    app.conf.update(
        broker_url="memory://",
        task_default_queue=QUEUE,
        broker_transport_options={"polling_interval": 0.05},
    )
    return app


def queued(app: Celery) -> int:
    """Messages waiting in the broker for the legacy workers."""
    with app.connection_for_read() as connection:
        channel = connection.default_channel
        return int(channel.queue_declare(QUEUE, passive=True).message_count)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll until `condition()` holds (work done by the worker's thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {condition}")
        time.sleep(0.05)
