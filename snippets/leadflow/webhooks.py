"""Webhook endpoints: validate the body, then send the dual api/ + workflow/ events."""

# --8<-- [start:dual]
import hashlib
import json

import fastapi
import inngest
import pydantic
from inngest._internal.errors import SendEventsError  # (1)!

from .client import client
from .events import AppointmentBooked, NewLead, ReplyReceived

router = fastapi.APIRouter(prefix="/webhooks", tags=["webhooks"])


class Accepted(pydantic.BaseModel):
    event_ids: list[str]


def event_id(name: str, data: dict[str, object]) -> str:
    """The same delivery always gets the same id, so a re-send is a repeat."""
    digest = hashlib.sha256(json.dumps([name, data], sort_keys=True).encode())
    return f"{name}:{digest.hexdigest()[:32]}"


async def send_dual(
    payload: pydantic.BaseModel, *, api_event: str, workflow_event: str
) -> Accepted:
    data = payload.model_dump(mode="json")
    events = [
        inngest.Event(name=api_event, data=data, id=event_id(api_event, data)),  # (2)!
        inngest.Event(  # (3)!
            name=workflow_event, data=data, id=event_id(workflow_event, data)
        ),
    ]
    try:
        ids = await client.send(events)  # (4)!
    except SendEventsError as err:
        raise fastapi.HTTPException(  # (5)!
            status_code=502,
            detail={"message": str(err), "sent_event_ids": err.ids},
        ) from err
    return Accepted(event_ids=ids)


# --8<-- [end:dual]


# --8<-- [start:routes]
@router.post("/leads", status_code=202)
async def lead_created(lead: NewLead) -> Accepted:  # (1)!
    return await send_dual(
        lead, api_event="api/new-lead", workflow_event="workflow/new-lead"
    )


@router.post("/replies", status_code=202)
async def reply_received(reply: ReplyReceived) -> Accepted:
    return await send_dual(
        reply, api_event="api/reply-received", workflow_event="workflow/process-reply"
    )


@router.post("/appointments", status_code=202)
async def appointment_booked(booking: AppointmentBooked) -> Accepted:
    return await send_dual(
        booking,
        api_event="api/appointment-booked",
        workflow_event="workflow/confirm-appointment",
    )


# --8<-- [end:routes]
