"""Event payloads: one pydantic model per payload, shared by webhooks and workflows.

The same model validates the webhook body (FastAPI answers 422 on a bad one)
and reads `ctx.event.data` inside a function, so producer and consumer cannot
drift apart. The examples feed FastAPI's `/docs` and the tests.
"""

# --8<-- [start:events]
import datetime
from typing import Literal

import pydantic

Channel = Literal["email", "phone"]


class NewLead(pydantic.BaseModel):
    """Body of `POST /webhooks/leads`; data of `api/new-lead`, `workflow/new-lead`."""

    model_config = pydantic.ConfigDict(
        extra="forbid",  # (1)!
        json_schema_extra={
            "examples": [
                {
                    "lead_id": "lead-42",
                    "name": "Ada",
                    "email": "ada@example.com",
                    "strategy": "email",
                }
            ]
        },
    )

    lead_id: str = pydantic.Field(min_length=1)
    name: str = pydantic.Field(min_length=1)
    email: str | None = None
    phone: str | None = None
    strategy: Channel

    @pydantic.model_validator(mode="after")
    def _contact_for_strategy(self) -> "NewLead":
        if getattr(self, self.strategy) is None:  # (2)!
            raise ValueError(
                f"strategy {self.strategy!r} needs the {self.strategy!r} field"
            )
        return self

    @property
    def contact(self) -> str:
        """The address or number the strategy uses."""
        return str(getattr(self, self.strategy))


class AwaitReply(pydantic.BaseModel):
    """Data of `workflow/await-reply`: which lead, contacted how."""

    model_config = pydantic.ConfigDict(
        json_schema_extra={
            "examples": [
                {"lead_id": "lead-42", "channel": "email", "contact": "ada@example.com"}
            ]
        }
    )

    lead_id: str
    channel: Channel
    contact: str


class ReplyReceived(pydantic.BaseModel):
    """Body of `POST /webhooks/replies`; data of `api/reply-received`."""

    model_config = pydantic.ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"lead_id": "lead-42", "channel": "email", "text": "Call me Friday"}
            ]
        },
    )

    lead_id: str = pydantic.Field(min_length=1)
    channel: Channel
    text: str


class AppointmentBooked(pydantic.BaseModel):
    """Body of `POST /webhooks/appointments`; data of `api/appointment-booked`."""

    model_config = pydantic.ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"lead_id": "lead-42", "starts_at": "2030-01-07T10:00:00Z"}]
        },
    )

    lead_id: str = pydantic.Field(min_length=1)
    starts_at: datetime.datetime


# --8<-- [end:events]
