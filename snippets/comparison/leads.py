"""The part of the workflow that is the same whatever runs it.

Stand-ins for what a real app calls: a message provider that sometimes fails
with a transient error, and the database where leads live. The Inngest, Celery
and RQ versions call these same functions, so the tests can compare what ran,
and how often.
"""

# --8<-- [start:leads]
import dataclasses
import datetime

REPLY_WINDOW = datetime.timedelta(hours=48)
"""How long to wait for a reply before following up."""


class TransientSendError(Exception):
    """The provider said "try again later" (an HTTP 503, a timeout)."""


@dataclasses.dataclass
class _World:
    calls: list[str] = dataclasses.field(default_factory=list)
    sent: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    notes: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    replied: set[str] = dataclasses.field(default_factory=set)
    window_opened: dict[str, datetime.datetime] = dataclasses.field(
        default_factory=dict
    )
    failures: dict[str, int] = dataclasses.field(default_factory=dict)


world = _World()
"""Everything the workflow did, for the tests to read (your DB, in real life)."""


def _call(action: str) -> None:
    world.calls.append(action)
    if world.failures.get(action, 0) > 0:
        world.failures[action] -= 1
        raise TransientSendError(f"{action}: provider unavailable, try again")


def send_message(lead_id: str, template: str) -> str:
    """Send one message; return the provider's message id."""
    _call(f"send {template}")
    world.sent.append((lead_id, template))
    return f"msg-{len(world.sent)}"


def add_note(lead_id: str, text: str) -> None:
    """Write a line on the lead's timeline in the CRM."""
    _call("note")
    world.notes.append((lead_id, text))


def open_reply_window(lead_id: str) -> None:
    """Remember when the wait for a reply started (Celery's sweep reads it)."""
    world.window_opened[lead_id] = datetime.datetime.now(datetime.UTC)


def record_reply(lead_id: str) -> None:
    """What the reply webhook stores (Celery and RQ read it back)."""
    world.replied.add(lead_id)


def has_replied(lead_id: str) -> bool:
    return lead_id in world.replied


def claim_due_follow_ups(now: datetime.datetime) -> list[str]:
    """Leads whose reply window is over, each returned once (UPDATE ... RETURNING)."""
    due = [
        lead_id
        for lead_id, opened in world.window_opened.items()
        if opened + REPLY_WINDOW <= now and lead_id not in world.replied
    ]
    for lead_id in due:
        del world.window_opened[lead_id]
    return due


# --8<-- [end:leads]


def fail_next(action: str, times: int = 1) -> None:
    """Make the next `times` calls of `action` ("send welcome", "note") fail."""
    world.failures[action] = times


def reset() -> None:
    """Forget everything (between tests)."""
    global world
    world = _World()
