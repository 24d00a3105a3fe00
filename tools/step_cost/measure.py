"""Measure one run of N trivial steps on each tool, in this process.

- Inngest: the SDK's real FastAPI serve handler, driven by the testing kit's
  executor exactly as the tests drive it (one request per step, every stored
  result sent back on each call). An ASGI wrapper times the app alone, from
  request in to response out, so the kit's own work (it plays the server)
  is not counted.
- Celery: a chain of N tasks through the real worker (solo pool, in a thread)
  on the in-memory broker, as tests/comparison runs it.
- RQ: N jobs linked by `depends_on`, run by the real `SimpleWorker` on
  fakeredis.

Nothing here asserts anything: it returns numbers. Timings belong in
`make bench`, never in a test.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import fastapi
import inngest
import inngest.fast_api
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import inngest_kit as kit

EVENT = "bench/steps.requested"


@dataclasses.dataclass
class Sample:
    """One run. Times in milliseconds; `None` where the tool has no such figure."""

    cpu_ms: float
    wall_ms: float
    last_request_ms: float | None = None
    last_request_cpu_ms: float | None = None
    last_request_bytes: int | None = None
    requests: int | None = None


# --- Inngest -------------------------------------------------------------------


@dataclasses.dataclass
class _Request:
    wall: float
    cpu: float
    body_bytes: int


class TimedApp:
    """ASGI wrapper: wall and CPU time spent inside the app, per request.

    CPU is `time.thread_time()` of the thread that runs the app (the test
    client's event loop), so other threads and other processes on a shared
    machine do not count. The measured function is `async`, so the SDK runs it
    on that same thread (a sync function would go to the SDK's thread pool and
    escape this count).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.requests: list[_Request] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        size = 0

        async def counting_receive() -> Message:
            nonlocal size
            message = await receive()
            size += len(message.get("body", b""))
            return message

        wall, cpu = time.perf_counter(), time.thread_time()
        await self.app(scope, counting_receive, send)
        self.requests.append(
            _Request(time.perf_counter() - wall, time.thread_time() - cpu, size)
        )


def step_function(
    client: inngest.Inngest, steps: int, output_bytes: int
) -> inngest.Function[Any]:
    """A function of `steps` sequential `step.run` calls that do nothing.

    Each step returns `output_bytes` characters (0: returns `None`), so the
    measured time is the SDK's orchestration, and the state grows by the
    outputs only.
    """
    output = "x" * output_bytes if output_bytes else None

    async def trivial() -> str | None:
        return output

    @client.create_function(
        fn_id=f"steps-{steps}-{output_bytes}",
        trigger=inngest.TriggerEvent(event=EVENT),
        retries=0,
    )
    async def run_steps(ctx: inngest.Context) -> int:
        for i in range(steps):
            await ctx.step.run(f"step-{i}", trivial)
        return steps

    return run_steps


@contextlib.contextmanager
def inngest_runner(steps: int, output_bytes: int = 0) -> Iterator[Callable[[], Sample]]:
    """Yield a callable that does one full run and returns its `Sample`."""
    client = inngest.Inngest(app_id="step-cost", is_production=False)
    fn = step_function(client, steps, output_bytes)
    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, client, [fn])
    timed = TimedApp(app)
    with TestClient(timed) as http:
        executor = kit.Executor(http, [fn])

        def once() -> Sample:
            timed.requests.clear()
            run = executor.run(fn, inngest.Event(name=EVENT), max_requests=steps + 2)
            if not run.completed or run.output != steps:
                raise RuntimeError(f"inngest run of {steps} steps: {run.status}")
            last = timed.requests[-1]
            return Sample(
                cpu_ms=sum(r.cpu for r in timed.requests) * 1000,
                wall_ms=sum(r.wall for r in timed.requests) * 1000,
                last_request_ms=last.wall * 1000,
                last_request_cpu_ms=last.cpu * 1000,
                last_request_bytes=last.body_bytes,
                requests=len(timed.requests),
            )

        yield once


# --- Celery --------------------------------------------------------------------


@contextlib.contextmanager
def celery_runner() -> Iterator[Callable[[int], Sample]]:
    """Start one real worker (solo pool, in a thread) on `memory://`.

    Yield a callable that sends a chain of N trivial tasks and waits until the
    last one has run. The wait is a `threading.Event` the last task sets, not
    a poll of the result backend, so the main thread adds no CPU or delay.
    Starting and stopping the worker is not timed.
    """
    from celery import Celery, chain
    from celery.contrib.testing.worker import start_worker

    # Not the current app, and a queue of its own: the in-memory transport is
    # shared by every Celery app in the process (the comparison tests' too).
    app = Celery(
        "step_cost",
        broker="memory://",
        backend="cache+memory://",
        set_as_current=False,
    )
    app.conf.update(
        task_default_queue="step_cost",
        broker_transport_options={"polling_interval": 0.01},
        task_ignore_result=True,
        worker_hijack_root_logger=False,
    )
    done = threading.Event()

    def trivial(index: int, last: int) -> None:
        if index == last:
            done.set()

    task = app.task(name="step_cost.trivial")(trivial)
    root = logging.getLogger()
    level = root.level  # the worker's log setup sets it to ERROR: put it back
    with start_worker(app, pool="solo", perform_ping_check=False):

        def once(steps: int) -> Sample:
            done.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            chain(task.si(i, steps - 1) for i in range(steps)).apply_async()
            wait_for(done, f"celery chain of {steps}")
            return Sample(
                cpu_ms=(time.process_time() - cpu) * 1000,
                wall_ms=(time.perf_counter() - wall) * 1000,
            )

        yield once
    root.setLevel(level)


def wait_for(done: threading.Event, what: str, timeout: float = 600) -> None:
    """Wait for a worker thread to set `done`; RuntimeError after `timeout` s."""
    if not done.wait(timeout=timeout):
        raise RuntimeError(f"{what} did not finish")


# --- RQ ------------------------------------------------------------------------


def rq_trivial() -> None:
    """An RQ job that does nothing (module level: RQ imports it by name)."""


def rq_once(steps: int) -> Sample:
    """Enqueue N jobs, each `depends_on` the previous, and burst a SimpleWorker.

    A fresh fakeredis per run. Enqueueing is part of the timed run: with
    `depends_on` the jobs are written up front and released one by one.
    """
    import fakeredis
    from rq import Queue, SimpleWorker

    queue = Queue("steps", connection=fakeredis.FakeStrictRedis())
    wall, cpu = time.perf_counter(), time.process_time()
    previous = None
    for _ in range(steps):
        previous = queue.enqueue(rq_trivial, depends_on=previous)
    SimpleWorker([queue], connection=queue.connection).work(
        burst=True, logging_level="WARNING"
    )
    sample = Sample(
        cpu_ms=(time.process_time() - cpu) * 1000,
        wall_ms=(time.perf_counter() - wall) * 1000,
    )
    if previous is None or not previous.is_finished:
        raise RuntimeError(f"rq chain of {steps} jobs did not finish")
    return sample
