"""Every migration test starts from an empty database; Celery runs in memory."""

from collections.abc import Iterator

import pytest
from celery import Celery

from snippets.guides.migrate import leads, legacy
from tests.guides.migrate.broker import QUEUE, in_memory


@pytest.fixture(autouse=True)
def fresh_db(monkeypatch: pytest.MonkeyPatch) -> leads.Database:
    db = leads.Database()
    monkeypatch.setattr(leads, "db", db)
    return db


@pytest.fixture
def celery_app() -> Iterator[Celery]:
    """The legacy Celery app on the in-memory broker, its queue emptied after."""
    app = in_memory(legacy.app)
    yield app
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(QUEUE)
