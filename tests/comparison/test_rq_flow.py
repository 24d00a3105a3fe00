"""The RQ version, run by RQ's real worker on an in-memory Redis (fakeredis).

`SimpleWorker` runs jobs in this process (the forking `Worker` would write to
a copy of the fake Redis). A burst worker with the scheduler enqueues the
scheduled jobs that are due when it starts, so tests wait until the jobs they
scheduled are due (with a deadline), then run a burst.
"""

import datetime

import fakeredis
import pytest
from rq import Queue, Retry, SimpleWorker
from rq.exceptions import DuplicateJobError
from rq.job import JobStatus

from snippets.comparison import leads, rq_flow
from tests.comparison.polling import wait_until

TINY = datetime.timedelta(milliseconds=200)


@pytest.fixture
def queue() -> Queue:
    return Queue("leads", connection=fakeredis.FakeStrictRedis())


def burst(queue: Queue) -> None:
    """Run everything that is due, then return (what `rq worker --burst` does)."""
    SimpleWorker([queue], connection=queue.connection).work(
        burst=True, with_scheduler=True
    )


def last_due(queue: Queue) -> datetime.datetime:
    """When the last job scheduled now is due (RQ keeps whole seconds)."""
    registry = queue.scheduled_job_registry
    times = [registry.get_scheduled_time(job_id) for job_id in registry.get_job_ids()]
    due: datetime.datetime = max(times)
    return due


def burst_at(queue: Queue, due: datetime.datetime) -> None:
    """Once `due` has come (waited for, with a deadline), run what is due."""
    wait_until(lambda: datetime.datetime.now(datetime.UTC) >= due)
    burst(queue)


def test_a_retry_reruns_only_the_failing_job(
    queue: Queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same path as the 10/60/300 s intervals, shortened to 1 s for the test.
    monkeypatch.setattr(rq_flow, "RETRY", Retry(max=3, interval=1))
    leads.fail_next("send welcome")
    leads.fail_next("note")
    welcome = rq_flow.start(queue, "lead-1")
    burst(queue)
    assert welcome.get_status() == JobStatus.SCHEDULED  # the retry waits its turn
    for _ in range(2):
        burst_at(queue, last_due(queue))
    assert leads.world.calls == ["send welcome", "send welcome", "note", "note"]
    assert leads.world.notes == [("lead-1", "welcome sent: msg-1")]


def test_each_job_retries_3_times_10_60_and_300_seconds_later(queue: Queue) -> None:
    leads.fail_next("send welcome")
    welcome = rq_flow.start(queue, "lead-1")
    assert (welcome.retries_left, welcome.retry_intervals) == (3, [10, 60, 300])
    second = datetime.timedelta(seconds=1)
    before = datetime.datetime.now(datetime.UTC)
    burst(queue)
    after = datetime.datetime.now(datetime.UTC)
    failed_once = queue.fetch_job(welcome.id)
    assert failed_once is not None
    assert failed_once.get_status() == JobStatus.SCHEDULED
    assert failed_once.retries_left == 2
    # The first retry is due 10 s after the failure, which was in the burst.
    due = queue.scheduled_job_registry.get_scheduled_time(failed_once)
    assert before + 10 * second - second <= due <= after + 10 * second + second


def test_a_retry_reruns_the_whole_job(queue: Queue) -> None:
    leads.fail_next("note")
    queue.enqueue(rq_flow.welcome_in_one_job, "lead-1", retry=Retry(max=3))
    burst(queue)
    assert leads.world.calls == ["send welcome", "note", "send welcome", "note"]
    assert leads.world.sent == [("lead-1", "welcome"), ("lead-1", "welcome")]


def test_the_wait_is_a_scheduled_job_in_redis(queue: Queue) -> None:
    rq_flow.start(queue, "lead-1")
    burst(queue)  # returns: no worker is busy during the 48 hours
    follow_up = queue.fetch_job("follow-up-lead-1")
    assert follow_up is not None
    assert follow_up.get_status() == JobStatus.SCHEDULED
    registry = queue.scheduled_job_registry
    due = registry.get_scheduled_time(follow_up)
    expected = datetime.datetime.now(datetime.UTC) + leads.REPLY_WINDOW
    assert abs(due - expected) < datetime.timedelta(minutes=1)
    assert queue.started_job_registry.get_job_ids() == []


@pytest.fixture
def welcomed(queue: Queue, monkeypatch: pytest.MonkeyPatch) -> Queue:
    """Lead 1 welcomed, its follow-up scheduled TINY from now."""
    monkeypatch.setattr(leads, "REPLY_WINDOW", TINY)
    rq_flow.start(queue, "lead-1")
    burst(queue)
    return queue


def test_no_reply_means_a_follow_up(welcomed: Queue) -> None:
    burst_at(welcomed, last_due(welcomed))
    assert leads.world.sent == [("lead-1", "welcome"), ("lead-1", "follow-up")]


def test_a_reply_cancels_the_scheduled_follow_up(welcomed: Queue) -> None:
    due = last_due(welcomed)
    rq_flow.on_reply(welcomed, "lead-1")
    follow_up = welcomed.fetch_job("follow-up-lead-1")
    assert follow_up is not None
    assert follow_up.get_status() == JobStatus.CANCELED
    burst_at(welcomed, due)
    assert leads.world.sent == [("lead-1", "welcome")]


def test_a_late_reply_still_stops_the_follow_up() -> None:
    leads.record_reply("lead-1")  # arrived while the job was already running
    assert rq_flow.follow_up("lead-1") == "replied"


def test_a_second_start_for_the_same_lead_is_refused(queue: Queue) -> None:
    rq_flow.start(queue, "lead-1")
    with pytest.raises(DuplicateJobError, match="welcome-lead-1"):
        rq_flow.start(queue, "lead-1")
    burst(queue)
    # Still refused after the job finished: its record stays in Redis for
    # result_ttl (500 s by default).
    with pytest.raises(DuplicateJobError):
        rq_flow.start(queue, "lead-1")
    assert leads.world.sent == [("lead-1", "welcome")]
