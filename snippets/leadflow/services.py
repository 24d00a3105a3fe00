"""Stand-ins for the providers a real app calls (email API, telephony, CRM).

Replace these functions with your provider's client. They record what they
were asked to do in `OUTBOX` (and replies in `REPLIES`), so the tests can count
side effects: a step body that ran twice would show up here twice.
"""

# --8<-- [start:services]
import uuid

OUTBOX: list[dict[str, str]] = []
REPLIES: dict[str, str] = {}  # the CRM's record of replies: lead id -> text


async def deliver(kind: str, lead_id: str, to: str, text: str) -> str:
    """Send a message (email, call task, ...) and return the provider's id."""
    reference = f"{kind}-{uuid.uuid4().hex[:8]}"
    OUTBOX.append(
        {"kind": kind, "lead_id": lead_id, "to": to, "text": text, "id": reference}
    )
    return reference


async def record_reply(lead_id: str, text: str) -> str:
    """Store the lead's reply in the CRM (idempotent: the latest text wins)."""
    REPLIES[lead_id] = text
    return lead_id


async def has_replied(lead_id: str) -> bool:
    """Whether the CRM has a reply from this lead, however early it came."""
    return lead_id in REPLIES


# --8<-- [end:services]
