"""Sample events of the reference app, built from its payload models' examples."""

from typing import Any

import inngest
import pydantic

from snippets.leadflow.events import (
    AppointmentBooked,
    AwaitReply,
    NewLead,
    ReplyReceived,
)


def example(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """The model's first schema example, validated and dumped as JSON data."""
    raw = model.model_json_schema()["examples"][0]
    return model.model_validate(raw).model_dump(mode="json")


def event(name: str, model: type[pydantic.BaseModel], **changes: Any) -> inngest.Event:
    """An event named `name` whose data is the model's example (with changes)."""
    return inngest.Event(name=name, data={**example(model), **changes})


PAYLOADS: dict[str, type[pydantic.BaseModel]] = {
    "api/new-lead": NewLead,
    "api/reply-received": ReplyReceived,
    "api/appointment-booked": AppointmentBooked,
    "workflow/new-lead": NewLead,
    "workflow/email-outreach": NewLead,
    "workflow/phone-outreach": NewLead,
    "workflow/await-reply": AwaitReply,
    "workflow/process-reply": ReplyReceived,
    "workflow/confirm-appointment": AppointmentBooked,
}
SAMPLES: dict[str, Any] = {
    name: {"name": name, "data": example(m)} for name, m in PAYLOADS.items()
}
