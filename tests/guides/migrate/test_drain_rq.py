"""Draining RQ: scheduled and deferred jobs are not in the queue's count."""

import datetime

import fakeredis
import pytest
from rq import Queue, RateLimit, SimpleWorker
from rq.job import JobStatus

from snippets.guides.migrate import leads
from snippets.guides.migrate.drain_rq import rq_pending


@pytest.fixture
def queue() -> Queue:
    return Queue("leads", connection=fakeredis.FakeStrictRedis())


def test_an_empty_queue_is_drained(queue: Queue) -> None:
    assert rq_pending(queue) == {}


def test_a_follow_up_due_in_48_hours_is_pending(queue: Queue) -> None:
    queue.enqueue_in(datetime.timedelta(hours=48), leads.send_email, "l-1", "x")
    assert queue.count == 0  # what a check of the queue alone sees
    assert rq_pending(queue) == {"scheduled": 1}


def test_queued_and_deferred_jobs_are_pending_until_a_worker_runs_them(
    queue: Queue, fresh_db: leads.Database
) -> None:
    welcome = queue.enqueue(leads.send_email, "lead-1", "welcome")
    queue.enqueue(leads.record_reply, "lead-1", depends_on=welcome)
    assert rq_pending(queue) == {"queued": 1, "deferred": 1}
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert rq_pending(queue) == {}
    assert (fresh_db.emails, fresh_db.replied) == ([("lead-1", "welcome")], {"lead-1"})


def test_a_job_a_rate_limit_holds_back_is_pending(queue: Queue) -> None:
    crm = RateLimit(key="crm", concurrency=1)
    other = Queue("other", connection=queue.connection)
    other.enqueue(leads.send_email, "lead-2", "welcome", rate_limit=crm)
    held = queue.enqueue(leads.send_email, "lead-1", "welcome", rate_limit=crm)
    assert held.get_status() == JobStatus.RATE_LIMITED
    assert (queue.count, other.count) == (0, 1)  # the first job took the slot
    assert rq_pending(queue) == {"rate limited": 1}
    assert rq_pending(other) == {"queued": 1}
