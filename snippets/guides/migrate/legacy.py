"""The Celery side while both systems run: the first task claims the lead."""

# --8<-- [start:legacy]
import os

from celery import Celery, Task

from . import leads

app = Celery(
    "lead_nurture",
    broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"),
)


@app.task(name="lead_nurture.welcome", bind=True)
def welcome(self: Task, lead_id: str) -> str:
    if not leads.claim(lead_id, f"celery:{self.request.id}"):  # (1)!
        return "duplicate"
    leads.send_email(lead_id, "welcome")
    return "welcomed"


# --8<-- [end:legacy]
