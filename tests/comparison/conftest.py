"""Every comparison test starts from an empty world and the real timings."""

from collections.abc import Callable

import pytest

from snippets.comparison import leads


@pytest.fixture(autouse=True)
def fresh_world() -> None:
    leads.reset()


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll until `condition()` is true (work done by a worker thread)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {leads.world}")
        time.sleep(0.02)
