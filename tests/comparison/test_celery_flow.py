"""The Celery version, run by Celery's real worker in a thread.

In-memory broker and result backend, solo pool: no Redis or RabbitMQ. One
worker for the whole module (stopping one takes about 4 s).
"""

import datetime
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from celery.app import autoretry
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult

from snippets.comparison import celery_flow, leads
from tests.comparison.polling import wait_until

app = celery_flow.app
# One xdist worker runs the whole module, so one Celery worker is started and
# stopped (about 4 s) instead of one on each xdist worker.
pytestmark = pytest.mark.xdist_group("celery-flow")
# How often `.get()` asks the result backend (Celery's default is every 0.5 s).
POLL = 0.01


def outcome(result: AsyncResult, timeout: float) -> Any:
    """The task's return value (or its exception, raised), asked for every POLL s."""
    return result.get(timeout=timeout, interval=POLL)


@pytest.fixture(scope="module", autouse=True)
def worker() -> Iterator[None]:
    app.conf.update(
        broker_url="memory://",
        result_backend="cache+memory://",
        broker_transport_options={"polling_interval": 0.05},
    )
    root = logging.getLogger()
    level = root.level
    with start_worker(app, pool="solo", perform_ping_check=False):
        yield
    # The worker's log setup leaves the process's root logger at ERROR, which
    # would hide every later test's warnings from caplog.
    root.setLevel(level)


def test_a_retry_reruns_only_the_failing_task() -> None:
    leads.fail_next("send welcome")
    leads.fail_next("note")
    outcome(celery_flow.start("lead-1"), timeout=10)
    # Each task was retried on its own: the note's retry did not send the
    # welcome again, because they are separate tasks in a chain.
    assert leads.world.calls == ["send welcome", "send welcome", "note", "note"]
    assert leads.world.notes == [("lead-1", "welcome sent: msg-1")]


@pytest.fixture
def backoffs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The backoff Celery computes for each retry; the retry itself runs at once."""
    asked: list[dict[str, object]] = []

    def no_wait(**kwargs: object) -> int:
        asked.append(kwargs)
        return 0

    monkeypatch.setattr(autoretry, "get_exponential_backoff_interval", no_wait)
    return asked


def test_a_transient_error_is_retried_up_to_3_times(
    backoffs: list[dict[str, object]],
) -> None:
    leads.fail_next("send welcome", times=3)
    assert outcome(celery_flow.send_welcome.delay("lead-1"), timeout=10) == "msg-1"
    assert leads.world.calls == ["send welcome"] * 4  # 1 call + 3 retries
    # Exponential backoff (1 s, 2 s, 4 s) with full jitter, capped at 10 minutes.
    assert backoffs == [
        {"factor": 1, "retries": n, "maximum": 600, "full_jitter": True}
        for n in range(3)
    ]


def test_a_fourth_failure_fails_the_task(backoffs: list[dict[str, object]]) -> None:
    leads.fail_next("send welcome", times=4)
    with pytest.raises(leads.TransientSendError):
        outcome(celery_flow.send_welcome.delay("lead-1"), timeout=10)
    assert leads.world.calls == ["send welcome"] * 4
    assert leads.world.sent == []


def test_a_retry_reruns_the_whole_task() -> None:
    leads.fail_next("note")
    outcome(celery_flow.welcome_in_one_task.delay("lead-1"), timeout=10)
    assert leads.world.calls == ["send welcome", "note", "send welcome", "note"]
    assert leads.world.sent == [("lead-1", "welcome"), ("lead-1", "welcome")]


def test_the_sweep_follows_up_leads_that_did_not_reply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for lead_id in ("lead-1", "lead-2"):
        outcome(celery_flow.start(lead_id), timeout=10)
    celery_flow.on_reply("lead-2")
    assert outcome(celery_flow.send_due_follow_ups.delay(), timeout=5) == []

    monkeypatch.setattr(leads, "REPLY_WINDOW", datetime.timedelta(0))
    assert outcome(celery_flow.send_due_follow_ups.delay(), timeout=5) == ["lead-1"]
    wait_until(lambda: ("lead-1", "follow-up") in leads.world.sent)
    assert outcome(celery_flow.send_due_follow_ups.delay(), timeout=5) == []
    assert ("lead-2", "follow-up") not in leads.world.sent


def test_a_late_reply_still_stops_the_follow_up() -> None:
    celery_flow.on_reply("lead-1")
    assert outcome(celery_flow.follow_up.delay("lead-1"), timeout=5) == "replied"
    assert leads.world.sent == []


def test_a_countdown_sits_unacknowledged_in_the_worker() -> None:
    result = celery_flow.start_with_countdown("lead-9")
    scheduled: list[dict[str, object]] = []

    def held() -> bool:
        replies = app.control.inspect(timeout=0.5).scheduled() or {}
        scheduled[:] = [entry for entries in replies.values() for entry in entries]
        return bool(scheduled)

    wait_until(held)
    [entry] = scheduled
    request = entry["request"]
    assert isinstance(request, dict)
    assert (request["name"], request["args"]) == ("lead_nurture.follow_up", ["lead-9"])
    # In the worker's memory, not acknowledged: on Redis it is delivered
    # again once the visibility timeout (1 h by default) has passed.
    assert request["acknowledged"] is False
    eta = datetime.datetime.fromisoformat(str(entry["eta"]))
    expected = datetime.datetime.now(datetime.UTC) + leads.REPLY_WINDOW
    assert abs(eta - expected) < datetime.timedelta(minutes=1)

    app.control.revoke(result.id)  # cancel: the worker drops it when due
    wait_until(lambda: app.AsyncResult(result.id).state == "REVOKED")


def test_the_same_task_id_twice_runs_twice() -> None:
    for _ in range(2):
        celery_flow.send_welcome.apply_async(("lead-1",), task_id="welcome-lead-1")
    wait_until(lambda: len(leads.world.sent) == 2)
    assert leads.world.sent == [("lead-1", "welcome"), ("lead-1", "welcome")]


def test_beat_runs_the_sweep_every_five_minutes() -> None:
    [entry] = app.conf.beat_schedule.values()
    assert entry["task"] == celery_flow.send_due_follow_ups.name
    assert entry["schedule"] == datetime.timedelta(minutes=5)
