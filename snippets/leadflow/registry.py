"""Every function the app serves, in one list (the seed's `_inngest/inngest.py`)."""

# --8<-- [start:registry]
from typing import Any

import inngest

from snippets.leadflow.workflows.appointments import confirm_appointment
from snippets.leadflow.workflows.await_reply import await_reply
from snippets.leadflow.workflows.new_lead import new_lead
from snippets.leadflow.workflows.outreach import email_outreach, phone_outreach
from snippets.leadflow.workflows.replies import process_reply

functions: list[inngest.Function[Any]] = [
    new_lead,
    email_outreach,
    phone_outreach,
    await_reply,
    process_reply,
    confirm_appointment,
]
# --8<-- [end:registry]
