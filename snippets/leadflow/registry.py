"""Every function the app serves, in one list (the seed's `_inngest/inngest.py`)."""

# --8<-- [start:registry]
from typing import Any

import inngest

from .workflows.appointments import confirm_appointment
from .workflows.await_reply import await_reply
from .workflows.new_lead import new_lead
from .workflows.outreach import email_outreach, phone_outreach
from .workflows.replies import process_reply

functions: list[inngest.Function[Any]] = [
    new_lead,
    email_outreach,
    phone_outreach,
    await_reply,
    process_reply,
    confirm_appointment,
]
# --8<-- [end:registry]
