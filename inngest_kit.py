"""Test Inngest functions offline, through your app's real serve endpoint.

No Inngest server is needed. The [`Executor`][inngest_kit.Executor]
plays the server's part: it POSTs execution requests to the app's own
`/api/inngest` endpoint (built by `inngest.fast_api.serve`), stores each step's
result, and calls again with the memoized steps, exactly as the Inngest server
does, until the run completes or fails. The
[`FakeInngestAPI`][inngest_kit.FakeInngestAPI] stands in for the
server's HTTP API on 127.0.0.1, so `client.send(...)` and the app sync (PUT)
really go over HTTP and can be inspected.

The run loop models the server's queue, following Inngest's SDK spec and the
server's executor (each rule cites its source below): every request is a queue
item with its own attempt counter, parallel steps are queued one item each,
invoked runs get the server's `_inngest` metadata, `on_failure` handlers run
with their own (zero) retries.

What the kit does **not** reproduce: server-side flow control (concurrency,
throttle, rate limit, debounce, priority, batching, singleton, idempotency),
cancellation, and timers' wall clock (sleeps, wait and invoke timeouts, retry
backoff). Those are asserted as the registered config, not as behaviour. Nor
does it check a signature's age: the pinned SDK does not either (it verifies
the HMAC only), so a replayed signed request is accepted.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import hashlib
import hmac
import json
import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import cel
import fastapi
import inngest
import inngest.fast_api
import jcs
from starlette.testclient import TestClient

SERVE_PATH = "/api/inngest"
"""Where `inngest.fast_api.serve` mounts its endpoint unless told otherwise."""

SERVER_DEFAULT_RETRIES = 4
"""Retries the Inngest server applies when a function sets none (5 attempts).

The SDK sends no `retries` in the sync payload when `retries=` is not given,
so the number is the server's: `DefaultRetryCount = 4` in the server source
(`pkg/consts/consts.go` in inngest/inngest), and 4 retries in Inngest's
retries documentation.
"""

Json = Any


class KitError(AssertionError):
    """The run needs something the test did not provide (a wait, a step plan)."""


# --- Signing -----------------------------------------------------------------


def canonical_json(payload: Json) -> bytes:
    """Serialize like the Inngest server: RFC 8785 (JCS) canonical JSON.

    The SDK canonicalizes the body before it checks the signature, so the
    bytes that are signed and the bytes that are sent must be canonical.
    """
    out: bytes = jcs.canonicalize(payload)
    return out


def sign(body: bytes, signing_key: str, *, unix_seconds: int | None = None) -> str:
    """Return the `X-Inngest-Signature` header value for a request body.

    HMAC-SHA256 keyed with the signing key *without* its `signkey-<env>-`
    prefix, over the body followed by the timestamp: `t=<ts>&s=<hex digest>`.
    """
    ts = int(time.time()) if unix_seconds is None else unix_seconds
    mac = hmac.new(_without_prefix(signing_key).encode(), body, hashlib.sha256)
    mac.update(str(ts).encode())
    return f"t={ts}&s={mac.hexdigest()}"


def bearer(signing_key: str) -> str:
    """The token the SDK sends as `Authorization: Bearer ...` to Inngest's API.

    SHA-256 of the key's bytes (the hex after the `signkey-<env>-` prefix):
    the signing key itself never leaves the app.
    """
    return hashlib.sha256(bytes.fromhex(_without_prefix(signing_key))).hexdigest()


def _without_prefix(signing_key: str) -> str:
    if signing_key.startswith("signkey-"):
        return signing_key.split("-", 2)[2]
    return signing_key


def hashed_step_id(step_id: str, repeat: int = 0) -> str:
    """The id the SDK reports for a step: SHA-1 of the id you wrote.

    A step id used again in the same run gets `:<n>` appended before hashing
    (the second use of `"fetch"` is `"fetch:1"`).
    """
    raw = step_id if repeat == 0 else f"{step_id}:{repeat}"
    return hashlib.sha1(raw.encode()).hexdigest()


def signature_cases(body: Json, signing_key: str) -> dict[str, tuple[bytes, Json]]:
    """Four requests a production-mode endpoint must tell apart.

    Returns `{case: (raw_body, headers)}` for `"signed"` (valid signature),
    `"unsigned"` (no `X-Inngest-Signature` header), `"wrong-key"` (signed
    with another key) and `"tampered"` (signed, then the body changed).
    Send each with [`Executor.post_raw`][inngest_kit.Executor.post_raw].
    """
    raw = canonical_json(body)
    plain = {"content-type": "application/json"}
    other_key = "signkey-test-" + ("01" if signing_key.endswith("00") else "00") * 32
    tampered = canonical_json({**body, "tampered": True})
    return {
        "signed": (raw, {**plain, "x-inngest-signature": sign(raw, signing_key)}),
        "unsigned": (raw, plain),
        "wrong-key": (raw, {**plain, "x-inngest-signature": sign(raw, other_key)}),
        "tampered": (
            tampered,
            {**plain, "x-inngest-signature": sign(raw, signing_key)},
        ),
    }


class Flaky:
    """A step handler that fails its first `failures` calls, then succeeds.

    Swap it in for the real handler (`monkeypatch.setattr(module, "charge",
    Flaky(2, {"ok": True}))`) to watch the retries of one step: `calls` counts
    how often the body ran.

    Args:
        failures: how many calls raise before one succeeds.
        result: what the successful call returns.
        error: the exception to raise (default `RuntimeError`).
    """

    def __init__(
        self,
        failures: int,
        result: Json = None,
        error: Exception | None = None,
    ) -> None:
        self.failures = failures
        self.result = result
        self.error = error
        self.calls = 0

    async def __call__(self, *args: Any) -> Json:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error or RuntimeError(
                f"simulated failure {self.calls} of {self.failures}"
            )
        return self.result


@contextlib.contextmanager
def event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """An event loop for `inngest.experimental.mocked.trigger`, closed afterwards.

    `mocked.trigger` runs the function on the thread's current event loop and,
    when there is none, creates one that it never closes: under
    `-W error` (this site's pytest settings) that `ResourceWarning` fails the
    test session. Wrap the call: `with kit.event_loop(): mocked.trigger(...)`.
    """
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        asyncio.set_event_loop(None)
        loop.close()


# --- Config ------------------------------------------------------------------


def registered_config(fn: inngest.Function[Any], app_url: str = "http://app") -> Json:
    """The function config the serve handler syncs to Inngest, as JSON.

    Same model and the same `None` stripping the SDK applies before it sends
    the sync request. Raises the SDK's own error if the config cannot be
    serialized (for example a duration under one second).
    """
    config = fn.get_config(f"{app_url}{SERVE_PATH}").main
    return _strip_none(config.model_dump(by_alias=True, mode="json"))


def _strip_none(value: Json) -> Json:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value]
    return value


def matches(expression: str, *, event: Json, awaited: Json) -> bool:
    """Evaluate a `wait_for_event`/`cancel` `if_exp` the way the server does.

    `event` is the run's triggering event and `awaited` the incoming event
    (called `async` in the expression). Raises `ValueError` for a syntax error
    and `KeyError` for a field that neither event has, so a typo fails a test
    instead of silently never matching.
    """
    return evaluate(expression, event=event, awaited=awaited) is True


def evaluate(expression: str, *, event: Json, awaited: Json = None) -> Json:
    """Evaluate a key, `expression` or priority `run` against sample events.

    Use it on every expression in your functions with an event shaped like the
    real payload: a misspelled field raises `KeyError` and a syntax error
    `ValueError`, so the typo fails a test instead of a production run.
    """
    variables = (
        {"event": event} if awaited is None else {"event": event, "async": awaited}
    )
    return cel.evaluate(expression, variables)


def event_for(fn: inngest.Function[Any], **data: Any) -> inngest.Event:
    """An event named after `fn`'s first event trigger, with `data`.

    Raises `KitError` for a function with only cron triggers.
    """
    for trigger in registered_config(fn)["triggers"]:
        if "event" in trigger:
            return inngest.Event(name=trigger["event"], data=data)
    raise KitError(f"{fn.id} has no event trigger")


def triggered_by(
    functions: Sequence[inngest.Function[Any]], event: inngest.Event
) -> list[str]:
    """Ids of the functions an event would start: same event name, and the
    trigger's `expression` (if any) true for the event.

    Exact names only: wildcard triggers (`"app/*"`) are not expanded, and cron
    triggers never match. An event whose name matches no trigger is accepted
    by `send()` all the same: this is how a test catches the typo.
    """
    payload = _event_json(event)
    started = []
    for fn in functions:
        for trigger in registered_config(fn)["triggers"]:
            if trigger.get("event") != event.name:
                continue
            expression = trigger.get("expression")
            if expression is None or cel.evaluate(expression, {"event": payload}):
                started.append(fn.id)
                break
    return started


# --- The executor --------------------------------------------------------------
#
# The executor models the Inngest server's queue: every request is one queue
# item with its own attempt counter. Sources it follows, from inngest/inngest:
# the SDK spec (`docs/SDK_SPEC.md`, sections 4.4 Call Requests, 5 Steps and
# 11 Failure Handlers) and the executor (`pkg/execution/executor/executor.go`,
# `force_step_plan.go`, `util.go`).

STEP_BODY_OPS = ("StepRun", "StepError", "StepFailed")
"""Ops that mean the body of a `step.run` ran once."""

_STEP_RUN_FRAME = re.compile(r"step_lib[/\\]step_(?:a)?sync\.py\", line \d+, in run\n")
"""The SDK frame a `RetryAfterError` or `NonRetriableError` passes through when
`step.run` re-raises it to the function level (`step_lib/step_async.py`): the
server then sees a failed request, not a step op."""


@dataclasses.dataclass
class Op:
    """One operation the SDK reported back, as the server saw it.

    In `Run.errors`, `op` is `"FunctionError"`: a whole request failed (status
    4xx/5xx), and `step_id` names the step whose body raised it, or is `""`
    when the error came from code outside steps.
    """

    op: str
    step_id: str
    attempt: int
    data: Json = None
    error: Json = None
    opts: Json = None
    name: str | None = None


@dataclasses.dataclass
class Run:
    """What happened to one function run.

    `ops` are the step ops the SDK reported, `errors` the failed requests
    (see [`Op`][inngest_kit.Op]), `event` the triggering event as
    the server sent it, and `children` the runs started by `step.invoke`.
    `error` is the last error, cleared when the run completes.
    """

    fn_id: str
    status: str
    output: Json = None
    error: Json = None
    ops: list[Op] = dataclasses.field(default_factory=list)
    requests: int = 0
    last_status_code: int = 0
    last_headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    event: Json = None
    errors: list[Op] = dataclasses.field(default_factory=list)
    children: list[Run] = dataclasses.field(default_factory=list)
    memos: dict[str, Json] = dataclasses.field(default_factory=dict)
    """What the server stored for each finished step, by hashed step id."""
    stack: list[str] = dataclasses.field(default_factory=list)
    run_id: str = ""

    @property
    def completed(self) -> bool:
        return self.status == "Completed"

    def steps(self, op: str | None = None) -> list[str]:
        """Step ids in the order the SDK reported them (optionally one op)."""
        return [o.step_id for o in self.ops if op is None or o.op == op]

    def attempts(self, step_id: str) -> int:
        """How many times the body of `step.run(step_id, ...)` ran.

        Counts the step's `StepRun`, `StepError` and `StepFailed` ops, and the
        failed requests in `errors` that the step's body caused (a
        `RetryAfterError` or `NonRetriableError` raised inside the step).
        """
        ran = sum(1 for o in self.ops if o.step_id == step_id and o.op in STEP_BODY_OPS)
        return ran + sum(1 for e in self.errors if e.step_id == step_id)


@dataclasses.dataclass
class _Item:
    """One queued request: discovery (`target="step"`) or one planned step.

    The server gives every queue item its own attempt counter, starting at 0
    (`Attempt: 0` on each `queue.Item` built in executor.go), and retries an
    item by sending the same item again with the next attempt number.
    """

    target: str = "step"
    attempt: int = 0
    name: str = ""
    race: bool = False


@dataclasses.dataclass
class _RunState:
    """What the server stores for one run (its state store and queue)."""

    run: Run
    events: list[inngest.Event]
    max_attempts: int
    waits: Mapping[str, Sequence[inngest.Event]]
    run_id: str = dataclasses.field(default_factory=lambda: uuid.uuid4().hex)
    memos: dict[str, Json] = dataclasses.field(default_factory=dict)
    stack: list[str] = dataclasses.field(default_factory=list)
    pending: set[str] = dataclasses.field(default_factory=set)
    queue: collections.deque[_Item] = dataclasses.field(
        default_factory=lambda: collections.deque([_Item()])
    )
    force_step_plan: bool = False
    request_version: int = -1

    def body(self, item: _Item) -> Json:
        return request_body(
            self.events,
            steps=self.memos,
            stack=self.stack,
            attempt=item.attempt,
            max_attempts=self.max_attempts,
            run_id=self.run_id,
            disable_immediate_execution=self.force_step_plan,
        )

    def final_attempt(self, item: _Item, headers: Mapping[str, str]) -> bool:
        """No retry when the SDK says so, or the item used its last attempt
        (`IsStepRetryable` in executor/util.go; spec 4.4.3)."""
        no_retry = headers.get("x-inngest-no-retry") == "true"
        return no_retry or item.attempt + 1 >= self.max_attempts

    def retry(self, item: _Item) -> None:
        """Queue the same item again with the next attempt. Behind what is
        already queued: the server schedules a retry with a backoff, so the
        other parallel branches run first."""
        self.queue.append(dataclasses.replace(item, attempt=item.attempt + 1))

    def plan(self, hashed: str, op: Op) -> None:
        """A `StepPlanned` op: one new queue item for that step, at attempt 0
        (`handleGeneratorStepPlanned`). A step already queued or stored is not
        queued twice (the queue's job id is `<run>-<step>-plan`)."""
        if hashed in self.pending or hashed in self.memos:
            return
        self.pending.add(hashed)
        race = (op.opts or {}).get("parallelMode") == "race"
        self.queue.append(_Item(hashed, 0, op.step_id, race))

    def store(self, hashed: str, result: Json) -> None:
        self.memos[hashed] = result
        self.stack.append(hashed)
        self.pending.discard(hashed)

    def discover(self, race: bool) -> None:
        """Once a result is stored, call the function again to find what comes
        next, but only when no planned step is still pending, unless the group
        races (`shouldEnqueueDiscovery`). That ends a parallel group, and for an
        SDK at request version 2 or more (this SDK sends 2) the server stops
        forcing step planning (`maybeResetForceStepPlan`, force_step_plan.go)."""
        if self.pending and not race:
            return
        if self.request_version >= 2:
            self.force_step_plan = False
        self.queue.append(_Item())


class Executor:
    """Drives function runs through an app's serve endpoint, as Inngest does.

    Args:
        client: a Starlette/FastAPI `TestClient` for the app.
        functions: the functions the app serves (to read their retry config).
        signing_key: sign every request with this key (production mode apps).
        serve_path: where the app mounted `inngest.fast_api.serve`.
    """

    def __init__(
        self,
        client: TestClient,
        functions: Sequence[inngest.Function[Any]],
        *,
        signing_key: str | None = None,
        serve_path: str = SERVE_PATH,
    ) -> None:
        self.client = client
        self.signing_key = signing_key
        self.serve_path = serve_path
        self._max_attempts: dict[str, int] = {}
        self._app_ids: dict[str, str] = {}
        for fn in functions:
            self._max_attempts.update(_max_attempts(fn))
            self._app_ids[fn.id] = fn.id.removesuffix(f"-{fn.local_id}")

    def post(
        self, fn_id: str, body: Json, *, step: str = "step"
    ) -> tuple[int, Mapping[str, str], Json]:
        """Send one execution request; return status, headers and JSON body."""
        raw = canonical_json(body)
        headers = {"content-type": "application/json"}
        if self.signing_key is not None:
            headers["x-inngest-signature"] = sign(raw, self.signing_key)
        return self.post_raw(fn_id, raw, headers, step=step)

    def post_raw(
        self,
        fn_id: str,
        raw: bytes,
        headers: Mapping[str, str],
        *,
        step: str = "step",
    ) -> tuple[int, Mapping[str, str], Json]:
        """Send exactly these bytes and headers (see `signature_cases`)."""
        res = self.client.post(
            self.serve_path,
            params={"fnId": fn_id, "stepId": step},
            content=raw,
            headers=dict(headers),
        )
        return res.status_code, res.headers, _json_or_text(res.text)

    def inspect(self) -> Json:
        """GET the serve endpoint: what the Dev Server sees when it probes the app.

        Unsigned, it answers with `function_count`, `mode` ("dev"/"cloud") and
        whether the signing and event keys are set.
        """
        return self.client.get(self.serve_path).json()

    def run(
        self,
        fn: inngest.Function[Any] | str,
        event: inngest.Event | Sequence[inngest.Event],
        *,
        waits: Mapping[str, Sequence[inngest.Event]] | None = None,
        max_requests: int = 200,
        stop_after: str | None = None,
        resume: Run | None = None,
    ) -> Run:
        """Run a function to the end and return what happened.

        Args:
            fn: the function (or its fully qualified id, `app-id` + `-` + `fn_id`;
                an `on_failure` handler's id ends in `-failure`).
            event: the triggering event (a list for a batch).
            waits: for each `wait_for_event` step id, the events that arrive
                while it waits. The first one with the awaited name whose
                `if_exp` matches resolves the wait; none (or `[]`) means the
                wait times out and the step returns `None`.
            max_requests: safety stop for a run that never ends.
            stop_after: leave the run in flight (status `"Running"`) once the
                step with this id has finished, as a run sleeping or waiting
                there would be while you deploy.
            resume: go on with a run returned by `stop_after`: its stored
                step results are sent to the (new) code, as after a deploy.
        """
        fn_id = fn if isinstance(fn, str) else fn.id
        events = [event] if isinstance(event, inngest.Event) else list(event)
        events = [_with_id_and_ts(e) for e in events]
        state = _RunState(
            run=Run(fn_id=fn_id, status="Running", event=_event_json(events[0])),
            events=events,
            # Spec 11: a failure handler has its own retries (the SDK syncs 0).
            max_attempts=self._max_attempts.get(fn_id, SERVER_DEFAULT_RETRIES + 1),
            waits=waits or {},
        )
        if resume is not None:  # the same run, its stored results, new code
            state.run_id = resume.run_id
            state.memos.update(resume.memos)
            state.stack.extend(resume.stack)
        state.run.run_id = state.run_id
        state.run.memos, state.run.stack = state.memos, state.stack
        while state.queue:
            if state.run.requests >= max_requests:
                raise KitError(f"{fn_id}: still running after {max_requests} requests")
            seen = len(state.run.ops)
            if self._call(state, state.queue.popleft()):
                return state.run
            if stop_after is not None and any(
                op.step_id == stop_after and op.op != "StepPlanned"
                for op in state.run.ops[seen:]
            ):
                return state.run
        raise KitError(f"{fn_id}: the run stopped with nothing left to call")

    def _call(self, state: _RunState, item: _Item) -> bool:
        """Send one queue item's request; True when the run has ended."""
        run = state.run
        body = state.body(item)
        status, headers, payload = self.post(run.fn_id, body, step=item.target)
        run.requests += 1
        run.last_status_code, run.last_headers = status, headers
        if status == 200:
            run.status, run.output, run.error = "Completed", payload, None
            return True
        if status != 206:
            # A failed request: the server retries the same queue item
            # (spec 4.4.3: X-Inngest-No-Retry decides) until its last attempt.
            run.error = payload
            run.errors.append(self._function_error(run.fn_id, item, body, payload))
            if state.final_attempt(item, headers):
                run.status = "Failed"
                return True
            state.retry(item)
            return False
        if state.request_version == -1:
            state.request_version = int(headers.get("x-inngest-req-version", "-1"))
        if len(payload) > 1:
            # More than one op: parallelism, so every later step must be
            # planned first (spec 5.5; `ForceStepPlan` in HandleGeneratorResponse).
            state.force_step_plan = True
        self._handle_ops(state, item, headers, payload)
        return False

    def _handle_ops(
        self, state: _RunState, item: _Item, headers: Mapping[str, str], ops: Json
    ) -> None:
        stored = False
        for raw in ops:
            op = Op(
                op=raw["op"],
                step_id=raw.get("displayName") or raw["id"],
                attempt=item.attempt,
                data=raw.get("data"),
                error=raw.get("error"),
                opts=raw.get("opts"),
                name=raw.get("name"),
            )
            state.run.ops.append(op)
            if op.op == "StepPlanned":
                state.plan(raw["id"], op)
                continue
            if op.op == "StepError" and not state.final_attempt(item, headers):
                state.retry(item)  # handleStepError: same item, next attempt
                continue
            # A StepError on its last attempt (or marked no-retry) is stored as
            # the step's final failure, like StepFailed (handleStepError).
            state.store(raw["id"], self._resolve(op, state, raw["id"]))
            stored = True
        if stored:
            state.discover(item.race)

    def _function_error(self, fn_id: str, item: _Item, body: Json, payload: Json) -> Op:
        """Record a failed request, naming the step whose body raised it."""
        step_id = item.name
        if item.target == "step" and _raised_in_a_step(payload):
            step_id = self._step_behind(fn_id, body)
        return Op(
            op="FunctionError", step_id=step_id, attempt=item.attempt, error=payload
        )

    def _step_behind(self, fn_id: str, body: Json) -> str:
        """Which step's body raised an error the SDK moved to the function level.

        The server does not need to know, so it never asks; the kit does, to
        count `Run.attempts`. It sends the same request once more with step
        planning forced: the SDK then reports the step it would run, without
        running it (spec 5.3.1). Code outside steps runs once more; `requests`
        does not count this call. `""` when the error came from outside steps.
        """
        probe = {**body, "ctx": {**body["ctx"], "disable_immediate_execution": True}}
        status, _, payload = self.post(fn_id, probe)
        if status == 206 and len(payload) == 1 and payload[0]["op"] == "StepPlanned":
            return str(payload[0].get("displayName") or payload[0]["id"])
        return ""

    def _resolve(self, op: Op, state: _RunState, hashed: str) -> Json:
        """What the server stores as the result of a finished op."""
        if op.op == "StepRun":
            return {"data": op.data}
        if op.op in ("StepFailed", "StepError"):
            return {"error": op.error}
        if op.op == "Sleep":
            return None  # spec 5.3.2: a finished sleep is stored as null
        if op.op == "WaitForEvent":
            return _resolve_wait(op, state.run.event, state.waits)
        if op.op == "InvokeFunction":
            child = self.run(
                (op.opts or {})["function_id"],
                self.invocation_event(op, state.run.fn_id, state.run_id, hashed),
            )
            state.run.children.append(child)
            if child.completed:
                return {"data": child.output}
            return {"error": child.error}
        raise KitError(f"unsupported op {op.op!r} at step {op.step_id!r}")

    def invocation_event(
        self, op: Op, parent_fn_id: str, run_id: str, hashed: str
    ) -> inngest.Event:
        """The event the server starts an invoked function with.

        `step.invoke`'s `data` plus the server's own `data._inngest` metadata
        (`NewInvocationEvent` in pkg/event/invoke.go), which the SDK passes on
        untouched: the child's `ctx.event.data` has an `_inngest` key. The
        server's internal UUIDs are stood in for by UUIDs derived from the ids.
        """
        opts = op.opts or {}
        data = dict((opts.get("payload") or {}).get("data") or {})
        app_id = self._app_ids.get(parent_fn_id, parent_fn_id)
        data["_inngest"] = {
            "source_app_id": str(uuid.uuid5(uuid.NAMESPACE_URL, app_id)),
            "source_fn_id": str(uuid.uuid5(uuid.NAMESPACE_URL, parent_fn_id)),
            "source_fn_v": 1,
            "fn_id": opts["function_id"],
            "correlation_id": f"{run_id}.{hashed}",
            "expire": _expires_at(opts.get("timeout")),
            "gid": str(uuid.uuid4()),
            "name": op.name or op.step_id,
        }
        return inngest.Event(name="inngest/function.invoked", data=data)


def _raised_in_a_step(payload: Json) -> bool:
    stack = payload.get("stack") if isinstance(payload, dict) else None
    return isinstance(stack, str) and _STEP_RUN_FRAME.search(stack) is not None


def _resolve_wait(
    op: Op, trigger: Json, waits: Mapping[str, Sequence[inngest.Event]]
) -> Json:
    """Spec 5.3.3: the matching event itself (not nested in `data`), or null."""
    if op.step_id not in waits:
        raise KitError(
            f"the run waits for {op.name!r} at step {op.step_id!r}: pass "
            f"waits={{{op.step_id!r}: [...]}} (an empty list times out)"
        )
    expression = (op.opts or {}).get("if")
    for candidate in map(_event_json, waits[op.step_id]):
        if candidate["name"] != op.name:
            continue
        if expression is None or matches(expression, event=trigger, awaited=candidate):
            return candidate
    return None


def _expires_at(timeout: str | None) -> int:
    """`InvokeFunctionOpts.Expires` (pkg/execution/state/opcode.go): now plus
    the timeout, or one year when there is none; Unix milliseconds."""
    now = int(time.time() * 1000)
    if timeout is None:
        return now + 365 * 86_400_000
    unit = {"w": 604_800_000, "d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000}
    return now + int(timeout[:-1]) * unit[timeout[-1]]


def request_body(
    event: inngest.Event | Sequence[inngest.Event],
    *,
    steps: Mapping[str, Json] | None = None,
    stack: Sequence[str] = (),
    attempt: int = 0,
    max_attempts: int = SERVER_DEFAULT_RETRIES + 1,
    run_id: str = "run-1",
    disable_immediate_execution: bool = False,
) -> Json:
    """The JSON body of one execution request, as the Inngest server sends it.

    Args:
        event: the triggering event (a list for a batch).
        steps: memoized results, keyed by hashed step id
            (see [`hashed_step_id`][inngest_kit.hashed_step_id]):
            `{"data": value}` for a finished step, `{"error": {...}}` for a
            failed one, `None` for a finished sleep.
        stack: hashed ids of the finished steps, in order.
        attempt: zero-based attempt number of the current step.
        max_attempts: the function's retries + 1.
        run_id: any string; the SDK exposes it as `ctx.run_id`.
        disable_immediate_execution: what the server sets once it has seen a
            parallel step plan.
    """
    events = [event] if isinstance(event, inngest.Event) else list(event)
    return {
        "ctx": {
            "attempt": attempt,
            "disable_immediate_execution": disable_immediate_execution,
            "max_attempts": max_attempts,
            "run_id": run_id,
            "stack": {"stack": list(stack)},
        },
        "event": _event_json(events[0]),
        "events": [_event_json(e) for e in events],
        "steps": dict(steps or {}),
        "use_api": False,
    }


def _max_attempts(fn: inngest.Function[Any]) -> dict[str, int]:
    """Attempts per function id: the function's, and its `on_failure`
    handler's, which the SDK syncs with `retries: {"attempts": 0}`."""
    config = fn.get_config(f"http://app{SERVE_PATH}")
    handlers = (
        [config.main] if config.on_failure is None else [config.main, config.on_failure]
    )
    out = {}
    for handler in handlers:
        retries = _strip_none(handler.model_dump(by_alias=True, mode="json"))["steps"][
            "step"
        ].get("retries")
        attempts = SERVER_DEFAULT_RETRIES if retries is None else retries["attempts"]
        out[handler.id] = int(attempts) + 1
    return out


def _with_id_and_ts(event: inngest.Event) -> inngest.Event:
    """Events as the server stores them: with an id and a timestamp."""
    return event.model_copy(
        update={
            "id": event.id or uuid.uuid4().hex,
            "ts": event.ts or int(time.time() * 1000),
        }
    )


def _event_json(event: inngest.Event) -> Json:
    return _with_id_and_ts(event).model_dump(mode="json")


def _json_or_text(text: str) -> Json:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


# --- A stand-in for the Inngest server's HTTP API ----------------------------


@dataclasses.dataclass
class FakeInngestAPI:
    """Records what the SDK sends to Inngest: events and app syncs.

    Listens on 127.0.0.1 on a free port. Point a dev-mode client at it with
    `INNGEST_DEV=<url>` (or `api_base_url=`/`event_api_base_url=`).
    """

    events: list[Json] = dataclasses.field(default_factory=list)
    event_keys: list[str] = dataclasses.field(default_factory=list)
    syncs: list[Json] = dataclasses.field(default_factory=list)
    sync_headers: list[dict[str, str]] = dataclasses.field(default_factory=list)
    """Headers of every sync request, refused ones included (lower-case names)."""
    signing_keys: list[str] = dataclasses.field(default_factory=list)
    """When set, a sync must carry one of these keys as its bearer token (as
    Inngest Cloud checks it), or it is refused with 401."""
    url: str = ""
    # Accept only the first N events of a batch and answer 400 with their ids,
    # as an event API that took part of a batch (None: accept everything).
    accept_at_most: int | None = None
    _server: ThreadingHTTPServer | None = None

    def start(self) -> FakeInngestAPI:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                path = urllib.parse.urlparse(self.path).path
                if path.startswith("/e/"):
                    accepted = body[: api.accept_at_most]
                    ids = [uuid.uuid4().hex for _ in accepted]
                    api.events.extend(accepted)
                    api.event_keys.append(path.removeprefix("/e/"))
                    if len(accepted) < len(body):
                        error = f"accepted {len(accepted)} of {len(body)} events"
                        self._reply(400, {"ids": ids, "status": 400, "error": error})
                    else:
                        self._reply(200, {"ids": ids, "status": 200})
                elif path == "/fn/register":
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    api.sync_headers.append(headers)
                    if not api._authorized(headers.get("authorization")):
                        self._reply(401, {"error": "unauthorized"})
                        return
                    api.syncs.append(body)
                    self._reply(200, {"ok": True, "modified": True})
                else:
                    self._reply(404, {"error": f"no route {path}"})

            def _reply(self, status: int, payload: Json) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: object) -> None:
                """Keep test output quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        """Forget what was recorded and the keys it required (between tests)."""
        self.events.clear()
        self.event_keys.clear()
        self.syncs.clear()
        self.accept_at_most = None
        self.sync_headers.clear()
        self.signing_keys.clear()

    def _authorized(self, authorization: str | None) -> bool:
        if not self.signing_keys:
            return True
        return authorization in {f"Bearer {bearer(k)}" for k in self.signing_keys}

    def event_names(self) -> list[str]:
        return [e["name"] for e in self.events]


def sync(client: TestClient, api: FakeInngestAPI, serve_path: str = SERVE_PATH) -> Json:
    """Sync the app as the Dev Server does (PUT) and return what it registered."""
    before = len(api.syncs)
    res = client.put(serve_path)
    if res.status_code != 200 or len(api.syncs) != before + 1:
        raise KitError(f"sync failed: {res.status_code} {res.text}")
    return api.syncs[-1]


def serve_functions(
    client: inngest.Inngest,
    functions: Sequence[inngest.Function[Any]],
    *,
    signing_key: str | None = None,
    raise_server_exceptions: bool = True,
) -> Executor:
    """Mount `functions` on a fresh FastAPI app with the SDK's own `serve()`.

    Returns an [`Executor`][inngest_kit.Executor] for that app;
    its `.client` is the `TestClient` if you want to send requests yourself.
    Pass `raise_server_exceptions=False` to get the bare `500 Internal Server
    Error` a real server answers when the SDK itself crashes, instead of the
    exception.
    """
    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, client, list(functions))
    test_client = TestClient(app, raise_server_exceptions=raise_server_exceptions)
    return Executor(test_client, functions, signing_key=signing_key)
