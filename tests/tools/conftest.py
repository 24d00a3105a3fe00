"""Fixtures for the tools' tests."""

import contextlib
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from tools import chromium

PlaywrightFactory = Callable[
    [object], Callable[[], contextlib.AbstractContextManager[Any]]
]


@pytest.fixture
def fake_playwright(monkeypatch: pytest.MonkeyPatch) -> PlaywrightFactory:
    """`fake_playwright(browser)`: a stand-in for `sync_playwright` whose chromium
    launches `browser`; the chromium finder answers /bin/chrome."""
    monkeypatch.setattr(chromium, "path", lambda: "/bin/chrome")

    def factory(
        browser: object,
    ) -> Callable[[], contextlib.AbstractContextManager[Any]]:
        @contextlib.contextmanager
        def playwright() -> Iterator[object]:
            launch = lambda **options: browser  # noqa: E731
            yield SimpleNamespace(chromium=SimpleNamespace(launch=launch))

        return playwright

    return factory
