"""What Celery still holds of a workflow, before you stop its workers."""

# --8<-- [start:drain]
from collections.abc import Sequence

from celery import Celery


def celery_pending(
    app: Celery, queues: Sequence[str] = ("celery",), *, timeout: float
) -> dict[str, int]:
    """Messages in the broker and tasks held by workers; empty when drained.

    `queues`: the workflow's queues, each one the app knows (its default
    queue, or one in `task_queues`: a queue named only in `task_routes` is
    known only after this process routed a task to it); another name
    raises `KeyError`, so a misspelled queue is not read as an empty one.
    `timeout`: how long to wait for the workers' answers, in seconds.
    """
    unknown = [queue for queue in queues if queue not in app.amqp.queues]
    if unknown:
        raise KeyError(f"not a queue of {app.main}: {', '.join(unknown)}")
    inspect = app.control.inspect(timeout=timeout)
    held = {
        "active": inspect.active(),  # (1)!
        "reserved": inspect.reserved(),
        "scheduled": inspect.scheduled(),  # (2)!
    }
    pending = {
        state: sum(len(tasks) for tasks in (replies or {}).values())
        for state, replies in held.items()
    }
    with app.connection_for_read() as connection:
        for queue in queues:  # (3)!
            try:
                declared = connection.default_channel.queue_declare(queue, passive=True)
            except connection.channel_errors:  # (4)!
                continue
            pending[f"queue {queue}"] = declared.message_count
    return {name: count for name, count in pending.items() if count}


# --8<-- [end:drain]
