"""Celery and Inngest side by side: one flag per workflow decides where a new
lead goes."""

# --8<-- [start:switch]
import os

from . import legacy, workflow


def on_inngest(workflow_id: str) -> bool:
    """The workflows already moved, for example INNGEST_WORKFLOWS=nurture-lead."""
    return workflow_id in os.environ.get("INNGEST_WORKFLOWS", "").split(",")


def start_nurture(lead_id: str) -> None:
    """Call from the endpoint that receives a new lead."""
    if on_inngest("nurture-lead"):
        workflow.client.send_sync(workflow.lead_created(lead_id))
    else:
        legacy.welcome.delay(lead_id)


# --8<-- [end:switch]
