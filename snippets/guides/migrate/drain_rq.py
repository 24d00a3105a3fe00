"""What RQ still holds of a workflow, before you stop its workers."""

# --8<-- [start:drain]
from rq import Queue


def rq_pending(queue: Queue) -> dict[str, int]:
    """Jobs of this queue not finished yet; empty when drained."""
    pending = {
        "queued": queue.count,
        "started": queue.started_job_registry.count,
        "scheduled": queue.scheduled_job_registry.count,  # (1)!
        "deferred": queue.deferred_job_registry.count,  # (2)!
    }
    return {state: count for state, count in pending.items() if count}


# --8<-- [end:drain]
