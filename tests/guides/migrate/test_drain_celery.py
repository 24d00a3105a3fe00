"""Draining Celery: a countdown task sits in a worker, not in the queue.

The legacy app's real worker runs in a thread on the in-memory broker (solo
pool), one for the whole module: stopping one takes about 4 s.
"""

import logging
from collections.abc import Iterator

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from snippets.guides.migrate import leads, legacy
from snippets.guides.migrate.drain_celery import celery_pending
from tests.guides.migrate.broker import QUEUE, in_memory, queued, wait_until

pytestmark = [pytest.mark.xdist_group("migrate-celery"), pytest.mark.slow]


@pytest.fixture(scope="module")
def worker() -> Iterator[Celery]:
    app = in_memory(legacy.app)
    root = logging.getLogger()
    level = root.level
    with start_worker(app, pool="solo", perform_ping_check=False):
        yield app
    root.setLevel(level)  # the worker's log setup leaves the root logger at ERROR


def pending(app: Celery) -> dict[str, int]:
    return celery_pending(app, queues=[QUEUE], timeout=0.5)


def test_an_idle_worker_and_an_empty_queue_are_drained(worker: Celery) -> None:
    wait_until(lambda: pending(worker) == {})


def test_a_countdown_task_is_pending_in_the_worker_not_in_the_queue(
    worker: Celery, fresh_db: leads.Database
) -> None:
    legacy.welcome.apply_async(("lead-9",), countdown=2)
    wait_until(lambda: pending(worker) == {"scheduled": 1})
    assert queued(worker) == 0  # what a check of the queue alone sees
    wait_until(lambda: fresh_db.emails == [("lead-9", "welcome")])
    wait_until(lambda: pending(worker) == {})


def test_a_message_no_worker_takes_is_pending(worker: Celery) -> None:
    legacy.welcome.apply_async(("lead-8",), queue="nobody-consumes-this")
    assert celery_pending(worker, queues=["nobody-consumes-this"], timeout=0.5) == {
        "queue nobody-consumes-this": 1
    }
    with worker.connection_for_write() as connection:
        connection.default_channel.queue_purge("nobody-consumes-this")


def test_a_misspelled_queue_is_an_error_not_an_empty_queue(worker: Celery) -> None:
    with pytest.raises(KeyError, match="not a queue of lead_nurture: lead-nurtrue"):
        celery_pending(worker, queues=["lead-nurtrue"], timeout=0.5)


def test_a_queue_the_broker_no_longer_holds_is_empty(worker: Celery) -> None:
    # Redis deletes a list when its last message is taken, so there a drained
    # queue is not in the broker: its passive declare raises NOT_FOUND. Here
    # (the in-memory broker) the queue is deleted to stand for that.
    legacy.welcome.apply_async(("lead-7",), queue="drained")  # the app knows it
    with worker.connection_for_write() as connection:
        connection.default_channel.queue_delete("drained")
        with pytest.raises(connection.channel_errors, match="NOT_FOUND"):
            connection.default_channel.queue_declare("drained", passive=True)
    assert celery_pending(worker, queues=["drained"], timeout=0.5) == {}
