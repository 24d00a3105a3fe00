"""The lead workflow on RQ: jobs linked by depends_on, Retry, a scheduled follow-up."""

# --8<-- [start:rq]
from rq import Queue, Retry, get_current_job
from rq.job import Job

from . import leads

RETRY = Retry(max=3, interval=[10, 60, 300])  # (1)!


def send_welcome(lead_id: str) -> str:
    return leads.send_message(lead_id, "welcome")


def note_welcome(lead_id: str) -> None:
    job = get_current_job()
    assert job is not None  # always set inside a worker
    welcome = job.dependency
    assert welcome is not None
    message_id = welcome.return_value()  # (2)!
    leads.add_note(lead_id, f"welcome sent: {message_id}")
    Queue(job.origin, connection=job.connection).enqueue_in(  # (3)!
        leads.REPLY_WINDOW,
        follow_up,
        lead_id,
        job_id=f"follow-up-{lead_id}",
        retry=RETRY,
    )


def follow_up(lead_id: str) -> str:
    if leads.has_replied(lead_id):
        return "replied"
    leads.send_message(lead_id, "follow-up")
    return "followed-up"


def start(queue: Queue, lead_id: str) -> Job:
    """Call from the endpoint that receives a new lead."""
    welcome = queue.enqueue(
        send_welcome,
        lead_id,
        job_id=f"welcome-{lead_id}",
        unique=True,  # (4)!
        retry=RETRY,
    )
    queue.enqueue(note_welcome, lead_id, depends_on=welcome, retry=RETRY)
    return welcome


def on_reply(queue: Queue, lead_id: str) -> None:
    """Call from the webhook that receives the lead's reply."""
    leads.record_reply(lead_id)
    Job.fetch(f"follow-up-{lead_id}", connection=queue.connection).cancel()  # (5)!


# --8<-- [end:rq]


# --8<-- [start:rq-one-job]
def welcome_in_one_job(lead_id: str) -> None:
    message_id = leads.send_message(lead_id, "welcome")
    leads.add_note(lead_id, f"welcome sent: {message_id}")  # fails? all again


# --8<-- [end:rq-one-job]
