"""Webhook endpoints: validate the body, then send the dual api/ + workflow/ events."""

# --8<-- [start:dual]
import fastapi
import inngest
import pydantic

from snippets.leadflow.client import client
from snippets.leadflow.events import AppointmentBooked, NewLead, ReplyReceived

router = fastapi.APIRouter(prefix="/webhooks", tags=["webhooks"])


class Accepted(pydantic.BaseModel):
    event_ids: list[str]


async def send_dual(
    payload: pydantic.BaseModel, *, api_event: str, workflow_event: str
) -> Accepted:
    data = payload.model_dump(mode="json")
    ids = await client.send(  # (1)!
        [
            inngest.Event(name=api_event, data=data),  # (2)!
            inngest.Event(name=workflow_event, data=data),  # (3)!
        ]
    )
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
