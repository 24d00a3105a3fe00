"""Record a booked appointment: started by `workflow/confirm-appointment`."""

# --8<-- [start:confirm-appointment]
import inngest

from ..client import client
from ..events import AppointmentBooked
from ..services import deliver


@client.create_function(
    fn_id="confirm-appointment",
    trigger=inngest.TriggerEvent(event="workflow/confirm-appointment"),
)
async def confirm_appointment(ctx: inngest.Context) -> str:
    booking = AppointmentBooked.model_validate(ctx.event.data)
    text = f"Appointment on {booking.starts_at.isoformat()}"
    return await ctx.step.run(
        "record-appointment", deliver, "crm", booking.lead_id, "crm", text
    )


# --8<-- [end:confirm-appointment]
