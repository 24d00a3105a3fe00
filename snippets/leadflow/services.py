"""Stand-ins for the providers a real app calls (email API, telephony, CRM).

Replace these functions with your provider's client. They record what they
were asked to do in `OUTBOX`, so the tests can count side effects: a step
body that ran twice would show up here twice.
"""

# --8<-- [start:services]
import uuid

OUTBOX: list[dict[str, str]] = []


async def deliver(kind: str, lead_id: str, to: str, text: str) -> str:
    """Send a message (email, call task, ...) and return the provider's id."""
    reference = f"{kind}-{uuid.uuid4().hex[:8]}"
    OUTBOX.append(
        {"kind": kind, "lead_id": lead_id, "to": to, "text": text, "id": reference}
    )
    return reference


# --8<-- [end:services]
