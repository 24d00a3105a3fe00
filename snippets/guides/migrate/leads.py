"""What the workflow calls, whichever system runs it: your database, the
mail provider and the CRM. In memory here, so the tests can read them.
"""

# --8<-- [start:leads]
import dataclasses


class CrmUnavailable(Exception):
    """The CRM answered 503: worth another try."""


@dataclasses.dataclass
class Database:
    owners: dict[str, str] = dataclasses.field(default_factory=dict)
    replied: set[str] = dataclasses.field(default_factory=set)
    emails: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    notes: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    crm_calls: int = 0
    crm_down_for: int = 0  # the next N CRM calls fail


db = Database()


def claim(lead_id: str, owner: str) -> bool:
    """True for the first owner of this lead, and again for that same owner.

    In SQL: INSERT INTO lead_owners (lead_id, owner) VALUES (...)
    ON CONFLICT (lead_id) DO NOTHING, then compare the stored owner.
    """
    return db.owners.setdefault(lead_id, owner) == owner


def send_email(lead_id: str, template: str) -> str:
    db.emails.append((lead_id, template))
    return f"msg-{len(db.emails)}"


def add_crm_note(lead_id: str, text: str) -> str:
    db.crm_calls += 1
    if db.crm_down_for:
        db.crm_down_for -= 1
        raise CrmUnavailable("503 from the CRM, try again later")
    db.notes.append((lead_id, text))
    return f"note-{len(db.notes)}"


def record_reply(lead_id: str) -> None:
    db.replied.add(lead_id)


def has_replied(lead_id: str) -> bool:
    return lead_id in db.replied


# --8<-- [end:leads]
