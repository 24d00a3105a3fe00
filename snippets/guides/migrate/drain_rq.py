"""What RQ still holds of a workflow, before you stop its workers."""

# --8<-- [start:drain]
from rq import Queue
from rq.job import Job
from rq.rate_limit import RateLimitRegistry


def rq_pending(queue: Queue) -> dict[str, int]:
    """Jobs of this queue not finished yet; empty when drained."""
    pending = {
        "queued": queue.count,
        "started": queue.started_job_registry.count,
        "scheduled": queue.scheduled_job_registry.count,  # (1)!
        "deferred": queue.deferred_job_registry.count,  # (2)!
        "ready": queue.ready_job_registry.count,  # (3)!
        "rate limited": rate_limited(queue),  # (4)!
    }
    return {state: count for state, count in pending.items() if count}


def rate_limited(queue: Queue) -> int:
    """Jobs of this queue that a `RateLimit` holds back, under any key."""
    held = [
        job_id
        for registry in RateLimitRegistry.all(queue.connection)
        for job_id in registry.get_rate_limited_job_ids()
    ]
    jobs = Job.fetch_many(held, connection=queue.connection)
    return sum(1 for job in jobs if job is not None and job.origin == queue.name)


# --8<-- [end:drain]
