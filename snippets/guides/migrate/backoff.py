"""Celery's retry_backoff on Inngest: the delay before each retry chosen by
your code, with RetryAfterError, instead of the server's schedule."""

# --8<-- [start:backoff]
import datetime

import inngest

from . import leads
from .workflow import client


def celery_backoff(attempt: int, maximum: int = 600) -> datetime.timedelta:
    """retry_backoff=True, retry_backoff_max=600, no jitter: 1, 2, 4, 8 s..."""
    return datetime.timedelta(seconds=min(2**attempt, maximum))


def add_note(lead_id: str, text: str, attempt: int) -> str:
    try:
        return leads.add_crm_note(lead_id, text)
    except leads.CrmUnavailable as err:
        raise inngest.RetryAfterError(str(err), celery_backoff(attempt)) from err


@client.create_function(
    fn_id="crm-add-note-fast-retries",
    trigger=inngest.TriggerEvent(event="crm/note-fast.requested"),
    retries=5,
)
def crm_add_note_fast(ctx: inngest.ContextSync) -> str:
    lead_id, text = str(ctx.event.data["lead_id"]), str(ctx.event.data["text"])
    return ctx.step.run("add-note", add_note, lead_id, text, ctx.attempt)  # (1)!


# --8<-- [end:backoff]
