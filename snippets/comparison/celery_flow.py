"""The lead workflow on Celery: a chain of tasks, auto-retries, a periodic sweep."""

# --8<-- [start:celery-app]
import datetime
import os

from celery import Celery, chain, group
from celery.result import AsyncResult

from . import leads

app = Celery(
    "lead_nurture",
    broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"),
    backend=os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1"),
)
app.conf.beat_schedule = {  # (1)!
    "follow-up-sweep": {
        "task": "lead_nurture.send_due_follow_ups",
        "schedule": datetime.timedelta(minutes=5),
    },
}
RETRY_TRANSIENT = {  # (2)!
    "autoretry_for": (leads.TransientSendError,),
    "retry_backoff": True,
    "max_retries": 3,
}
# --8<-- [end:celery-app]


# --8<-- [start:celery]
@app.task(name="lead_nurture.send_welcome", **RETRY_TRANSIENT)
def send_welcome(lead_id: str) -> str:
    return leads.send_message(lead_id, "welcome")


@app.task(name="lead_nurture.note_welcome", **RETRY_TRANSIENT)
def note_welcome(message_id: str, lead_id: str) -> None:  # (3)!
    leads.add_note(lead_id, f"welcome sent: {message_id}")
    leads.open_reply_window(lead_id)


@app.task(name="lead_nurture.follow_up", **RETRY_TRANSIENT)
def follow_up(lead_id: str) -> str:
    if leads.has_replied(lead_id):
        return "replied"
    leads.send_message(lead_id, "follow-up")
    return "followed-up"


@app.task(name="lead_nurture.send_due_follow_ups")
def send_due_follow_ups() -> list[str]:  # (4)!
    due = leads.claim_due_follow_ups(datetime.datetime.now(datetime.UTC))
    group(follow_up.s(lead_id) for lead_id in due).delay()
    return due


def start(lead_id: str) -> AsyncResult:
    """Call from the endpoint that receives a new lead."""
    return chain(send_welcome.s(lead_id), note_welcome.s(lead_id)).delay()


def on_reply(lead_id: str) -> None:
    """Call from the webhook that receives the lead's reply."""
    leads.record_reply(lead_id)  # (5)!


# --8<-- [end:celery]


# --8<-- [start:celery-countdown]
def start_with_countdown(lead_id: str) -> AsyncResult:
    """Tempting, and what Celery's docs advise against for long delays."""
    wait = leads.REPLY_WINDOW.total_seconds()
    return chain(
        send_welcome.s(lead_id),
        note_welcome.s(lead_id),
        follow_up.si(lead_id).set(countdown=wait),
    ).delay()


# --8<-- [end:celery-countdown]


# --8<-- [start:celery-one-task]
@app.task(name="lead_nurture.welcome_in_one_task", **RETRY_TRANSIENT)
def welcome_in_one_task(lead_id: str) -> None:
    message_id = leads.send_message(lead_id, "welcome")
    leads.add_note(lead_id, f"welcome sent: {message_id}")  # fails? all again


# --8<-- [end:celery-one-task]
