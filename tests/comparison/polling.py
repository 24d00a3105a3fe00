"""Wait for work a worker thread does (Celery and RQ run jobs off the test's thread)."""

import time
from collections.abc import Callable

from snippets.comparison import leads


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll until `condition()` is true (work done by a worker thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {leads.world}")
        time.sleep(0.02)
