"""Test Inngest functions offline, through your app's real serve endpoint.

No Inngest server is needed. The [`Executor`][inngest_kit.Executor]
plays the server's part: it POSTs execution requests to the app's own
`/api/inngest` endpoint (built by `inngest.fast_api.serve`), stores each step's
result, and calls again with the memoized steps, as the Inngest server does,
until the run completes or fails (the testing-kit page's fidelity section says
where the kit differs). The
[`FakeInngestAPI`][inngest_kit.FakeInngestAPI] stands in for the
server's HTTP API on 127.0.0.1, so `client.send(...)` and the app sync (PUT)
really go over HTTP and can be inspected.

One file: put it next to your tests and `import inngest_kit as kit`. It needs
`inngest` (the release in [`INNGEST_VERSION`][inngest_kit.INNGEST_VERSION]; it
warns with another), `fastapi`, `common-expression-language` (for `if_exp`) and
`httpx2` (what `starlette.testclient` uses). Your app's client must be in dev
mode: set `INNGEST_DEV` to a `FakeInngestAPI`'s `url` before your app module
creates its client (a `conftest.py` that does it is on the testing-kit page).
It imports cleanly in a test suite that turns warnings into errors.

The run loop models the server's queue, following Inngest's SDK spec and the
server's executor (each rule cites its source below): every request is a queue
item with its own attempt counter, parallel steps are queued one item each,
invoked runs get the server's `_inngest` metadata, `on_failure` handlers run
with their own (zero) retries, and the server's limits on steps per run and
step output size apply.

What the kit does **not** reproduce: server-side flow control (concurrency,
throttle, rate limit, debounce, priority, batching, singleton, idempotency),
cancellation, cron jitter, and timers' wall clock (sleeps, wait and invoke
timeouts, retry backoff). Flow control and cancellation are asserted as the
registered config; a sleep's duration and a wait's or invoke's timeout as the
op's `opts` (`Run.ops`); none of them as behaviour. Nor
does it check a signature's age: the pinned SDK does not either (it verifies
the HMAC only), so a replayed signed request is accepted.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import datetime
import hashlib
import hmac
import json
import os
import re
import threading
import time
import urllib.parse
import uuid
import warnings
from collections.abc import Iterator, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from typing import Any

import cel
import fastapi
import inngest
import jcs
from pydantic.warnings import PydanticDeprecatedSince20
from starlette.testclient import TestClient

with warnings.catch_warnings():
    # inngest 0.5.19 declares one pydantic model with a class-based `Config`
    # (`_internal/comm_lib/models.py`), so pydantic warns once, when the module
    # loads. Loaded here first with that one warning silenced, it no longer
    # fails a suite that turns warnings into errors.
    warnings.filterwarnings(
        "ignore", category=PydanticDeprecatedSince20, module=r"inngest\."
    )
    import inngest.fast_api

__all__ = [
    "CRON_EVENT",
    "INNGEST_VERSION",
    "SERVER_DEFAULT_RETRIES",
    "SERVER_RESPONSE_LIMIT",
    "SERVER_STEP_LIMIT",
    "SERVER_STEP_OUTPUT_LIMIT",
    "SERVE_PATH",
    "STEP_BODY_OPS",
    "Executor",
    "FakeInngestAPI",
    "Flaky",
    "InngestVersionWarning",
    "Json",
    "KitError",
    "Op",
    "Run",
    "bearer",
    "canonical_json",
    "evaluate",
    "event_for",
    "event_loop",
    "hashed_step_id",
    "matches",
    "registered_config",
    "request_body",
    "serve_functions",
    "sign",
    "signature_cases",
    "sync",
    "triggered_by",
]

INNGEST_VERSION = "0.5.19"
"""The inngest release this kit was checked against. Imported with another,
the kit warns ([`InngestVersionWarning`][inngest_kit.InngestVersionWarning]):
it models what this release's SDK sends and expects."""

SERVE_PATH = "/api/inngest"
"""Where `inngest.fast_api.serve` mounts its endpoint unless told otherwise."""

SERVER_DEFAULT_RETRIES = 4
"""Retries the Inngest server applies when a function sets none (5 attempts).

The SDK sends no `retries` in the sync payload when `retries=` is not given,
so the number is the server's: `DefaultRetryCount = 4` in the server source
(`pkg/consts/consts.go` in inngest/inngest), and 4 retries in Inngest's
retries documentation.
"""

SERVER_STEP_LIMIT = 1_000
"""Steps one run may store: `DefaultMaxStepLimit` in `pkg/consts/consts.go`
(1,000 on Inngest's usage limits page). [`Executor.step_limit`][inngest_kit.Executor]
starts at this value."""

SERVER_STEP_OUTPUT_LIMIT = 4 * 1024 * 1024
"""Bytes one step's stored output may hold: `MaxStepOutputSize` (4 MiB) in
`pkg/consts/consts.go`, checked for each op of a response
(`GeneratorOpcode.Validate`, `pkg/execution/state/opcode.go`)."""

SERVER_RESPONSE_LIMIT = 8 * 1024 * 1024
"""Bytes of one response the server reads: `MaxSDKResponseBodySize`, the step
output plus the step input limit (`pkg/consts/consts.go`). A larger body fails
the request (`ErrBodyTooLarge`, `pkg/execution/exechttp/exechttp.go`), which the
server records as the `output_too_large` error
(`pkg/execution/driver/httpdriver/httpdriver.go`)."""

Json = Any
"""Any JSON value, as `json.loads` returns it."""


class KitError(AssertionError):
    """The run needs something the test did not provide (a wait, a step plan),
    or asks what the kit cannot answer the way the server would."""


class InngestVersionWarning(UserWarning):
    """The installed inngest is not the release the kit was checked against."""


def _warn_if_another_inngest() -> None:
    installed = metadata.version("inngest")
    if installed != INNGEST_VERSION:
        warnings.warn(
            f"inngest_kit was checked against inngest {INNGEST_VERSION}; this is "
            f"inngest {installed}, which may send or expect what the kit does not "
            "model. The testing-kit page has the kit for the release it checks.",
            InngestVersionWarning,
            stacklevel=2,
        )


_warn_if_another_inngest()


# --- Signing -----------------------------------------------------------------


def canonical_json(payload: Json) -> bytes:
    """Serialize like the Inngest server: RFC 8785 (JCS) canonical JSON.

    The SDK canonicalizes the body it receives before it checks the
    signature, so the signature must be computed over the canonical form of
    the body; the bytes sent may be any JSON encoding of it.
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
        """How many calls raise before one succeeds."""
        self.result = result
        """What the successful call returns."""
        self.error = error
        """The exception to raise (`None`: a `RuntimeError`)."""
        self.calls = 0
        """How many times it was called."""

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

    `mocked.trigger` runs an `async def` function on the thread's current
    event loop and, when there is none (after any `asyncio.run`, for example),
    creates one that it never closes. When that loop is garbage-collected
    during the session, its `ResourceWarning` fails a suite that turns
    warnings into errors (`-W error`, this site's pytest settings). Wrap the
    call: `with kit.event_loop(): mocked.trigger(...)`.
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
    the sync request. A config the SDK accepts at definition but cannot
    serialize (a duration under one second, for example) raises pydantic's
    `PydanticSerializationError`, whose message names the SDK's error
    (`FunctionConfigInvalidError: duration must be at least 1 second`).
    """
    config = fn.get_config(f"{app_url}{SERVE_PATH}").main
    return _strip_none(config.model_dump(by_alias=True, mode="json"))


def _strip_none(value: Json) -> Json:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value]
    return value


def _handler_configs(fn: inngest.Function[Any]) -> list[Json]:
    """The configs the SDK syncs for `fn`: the function's, then its
    `on_failure` handler's (its own id, `retries: {"attempts": 0}`, and a
    trigger on `inngest/function.failed` for this function)."""
    config = fn.get_config(f"http://app{SERVE_PATH}")
    handlers = (
        [config.main] if config.on_failure is None else [config.main, config.on_failure]
    )
    return [_strip_none(h.model_dump(by_alias=True, mode="json")) for h in handlers]


# --- Expressions ---------------------------------------------------------------
#
# The server evaluates `if_exp`, cancel `if` and trigger expressions with CEL,
# where a field the event lacks is *unknown* (a key that is absent, or a path
# through a value that is not an object: `Data.Get` in
# pkg/expressions/data.go), and each operation on an unknown has a fixed answer
# (`handleUnknownCall` in pkg/expressions/unknown.go). The kit finds each
# missing field of an expression, puts the server's answer in place of the
# operation on it, and evaluates the rest with a CEL library. An operation it
# does not model raises KitError instead of a guess.

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>(?i:[rb]{1,2})?(?:\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''
        |"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))
    | (?P<num>0[xX][0-9a-fA-F]+[uU]?|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[uU]?)
    | (?P<ident>[A-Za-z_]\w*)
    | (?P<op>==|!=|<=|>=|&&|\|\||[-<>!+*/%?:.,()\[\]{}])
    )""",
    re.VERBOSE,
)
_RELATIONS = {"==", "!=", "<", "<=", ">", ">="}
# Tokens that bind more loosely than a relation: an operand next to one is whole.
_LOOSER = {"(", ")", ",", "[", "]", "{", "}", "&&", "||", "?", ":"}
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_STRING_TESTS = {"startsWith", "endsWith", "contains", "matches"}


@dataclasses.dataclass
class _Token:
    kind: str  # str, num, ident, op, has, path (event.x.y), answer (the server's)
    text: str
    start: int
    end: int
    path: tuple[str, ...] = ()
    missing: bool = False
    value: Json = None  # a field's value, when the event has it

    def op(self, *texts: str) -> bool:
        return self.kind == "op" and self.text in texts

    def atom(self) -> bool:
        """A literal, a field or an answer: an operand that is whole."""
        literal = self.kind == "ident" and self.text in {"true", "false", "null"}
        return literal or self.kind in {"str", "num", "path", "answer"}

    def null(self) -> bool:
        if self.kind == "path":
            return not self.missing and self.value is None
        return self.kind == "ident" and self.text == "null"


def _field(variables: Mapping[str, Json], path: Sequence[str]) -> tuple[bool, Json]:
    """(found, value) of a field path, as the server's `Data.Get` walks it."""
    node: Json = variables
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return False, None
        node = node[key]
    return True, node


def _lex(expression: str) -> list[_Token] | None:
    tokens, pos = [], 0
    while expression[pos:].strip():
        match = _TOKEN.match(expression, pos)
        if match is None or match.lastgroup is None:
            return None  # not CEL: the CEL library names the syntax error
        kind = match.lastgroup
        tokens.append(_Token(kind, match[kind], match.start(kind), match.end()))
        pos = match.end()
    return tokens


def _closing(tokens: Sequence[_Token], opener: int) -> int | None:
    depth = 0
    for index in range(opener, len(tokens)):
        if tokens[index].op(*_OPENERS):
            depth += 1
        elif tokens[index].op(*_OPENERS.values()):
            depth -= 1
            if depth == 0:
                return index
    return None


def _parse(expression: str, variables: Mapping[str, Json]) -> list[_Token] | None:
    """The expression's tokens, with each `event...`/`async...` field path (and
    each `has(...)` test, which only asks whether a field is there) one token."""
    raw = _lex(expression)
    if raw is None:
        return None
    tokens: list[_Token] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        follows = raw[index + 1 : index + 2]
        member = bool(tokens) and tokens[-1].op(".")
        if token.text == "has" and not member and follows and follows[0].op("("):
            end = _closing(raw, index + 1)
            if end is None:
                return None
            token = _Token(
                "has", expression[token.start : raw[end].end], token.start, raw[end].end
            )
            index = end
        elif token.text in {"event", "async"} and token.kind == "ident" and not member:
            path = [token.text]
            while (
                raw[index + 1 : index + 2]
                and raw[index + 1].op(".")
                and (raw[index + 2 : index + 3] and raw[index + 2].kind == "ident")
                and not (raw[index + 3 : index + 4] and raw[index + 3].op("("))
            ):
                path.append(raw[index + 2].text)
                index += 2
            found, value = _field(variables, path)
            end = raw[index].end
            token = _Token(
                "path",
                expression[token.start : end],
                token.start,
                end,
                tuple(path),
                not found,
                value,
            )
        elif (
            token.op("-")
            and follows
            and follows[0].kind == "num"
            and (not tokens or tokens[-1].op(*_LOOSER, *_RELATIONS))
        ):
            token = _Token("num", "-" + follows[0].text, token.start, follows[0].end)
            index += 1
        tokens.append(token)
        index += 1
    return tokens


def _answer(tokens: list[_Token], lo: int, hi: int, text: str) -> None:
    """Put the server's answer for tokens[lo:hi + 1] in their place."""
    tokens[lo : hi + 1] = [_Token("answer", text, tokens[lo].start, tokens[hi].end)]


def _whole(tokens: Sequence[_Token], lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi + 1] is a whole operand of a relation."""
    before = lo == 0 or tokens[lo - 1].op(*_LOOSER)
    return before and (hi + 1 == len(tokens) or tokens[hi + 1].op(*_LOOSER))


def _only_truth_matters(tokens: Sequence[_Token], lo: int, hi: int) -> bool:
    """Whether the value of tokens[lo:hi + 1] only counts as true or not: an
    operand of `&&` and `||`, in parentheses, up to the whole expression."""
    while True:
        if lo > 0 and not tokens[lo - 1].op("(", "&&", "||"):
            return False
        if hi + 1 < len(tokens) and not tokens[hi + 1].op(")", "&&", "||"):
            return False
        depth, opener = 0, lo - 1
        while opener >= 0 and not (depth == 0 and tokens[opener].op(*_OPENERS)):
            depth += tokens[opener].op(*_OPENERS.values()) - tokens[opener].op(
                *_OPENERS
            )
            opener -= 1
        closer = len(tokens) if opener < 0 else _closing(tokens, opener)
        if closer is None or any(
            token.op("?", ":", ",") for token in _top_level(tokens, opener + 1, closer)
        ):
            return False
        if opener < 0:
            return True
        if not tokens[opener].op("(") or (
            opener > 0 and tokens[opener - 1].kind == "ident"
        ):
            return False  # a list, a map, or a function's arguments
        lo, hi = opener, closer


def _top_level(tokens: Sequence[_Token], start: int, stop: int) -> Iterator[_Token]:
    """The tokens of tokens[start:stop] outside any brackets."""
    depth = 0
    for token in tokens[start:stop]:
        depth -= token.op(*_OPENERS.values())
        if depth == 0:
            yield token
        depth += token.op(*_OPENERS)


def _unknown_relation(op: str, left: _Token, right: _Token) -> str:
    """`handleUnknownCall` (pkg/expressions/unknown.go L210-239) for a
    relation with at least one unknown operand."""
    null = left.null() or right.null()
    left_unknown = left.kind == "path" and left.missing
    answer = {
        "==": null,  # an unknown equals only null
        "!=": not null,
        "<": left_unknown,  # an unknown is less than anything
        "<=": left_unknown,
        ">": not left_unknown,
        ">=": not left_unknown,
    }[op]
    return "true" if answer else "false"


def _apply_server_answer(tokens: list[_Token], interpolated: frozenset[str]) -> bool:
    """Replace one operation on a missing field with the server's answer
    (`handleUnknownCall`, pkg/expressions/unknown.go)."""
    for index, token in enumerate(tokens):
        if token.kind == "path" and token.missing:
            if token.path[0] in interpolated:
                span = _relation(tokens, index, interpolated)
            else:
                span = _operation(tokens, index, interpolated)
            if span is not None:
                _answer(tokens, *span)
                return True
    return False


def _texts(tokens: Sequence[_Token], start: int, *texts: str) -> bool:
    """Whether the tokens from `start` read `texts`."""
    found = tokens[start : start + len(texts)]
    return start >= 0 and [t.text for t in found] == list(texts)


def _operation(
    tokens: list[_Token], index: int, interpolated: frozenset[str]
) -> tuple[int, int, str] | None:
    """(first, last, answer) of the operation on the missing field at `index`."""
    if _texts(tokens, index - 2, "size", "(") and _texts(tokens, index + 1, ")"):
        return index - 2, index + 1, "0"  # unknown.go L241-250
    if _texts(tokens, index + 1, ".", "size", "(", ")"):
        return index, index + 4, "0"  # unknown.go L241-250
    if _texts(tokens, index + 1, ".") and _texts(tokens, index + 3, "("):
        end = _closing(tokens, index + 3)
        if tokens[index + 2].text in _STRING_TESTS and end is not None:
            return index, end, "false"  # unknown.go L251-252
    if _texts(tokens, index - 1, "!") and not (
        index + 1 < len(tokens) and tokens[index + 1].op(".", "[", "(")
    ):
        return index - 1, index, "false"  # unknown.go L251-252
    relation = _relation(tokens, index, interpolated)
    if relation is None and _only_truth_matters(tokens, index, index):
        return index, index, "false"  # unknown is not true (cel.go L92-96)
    return relation


def _relation(
    tokens: list[_Token], index: int, interpolated: frozenset[str]
) -> tuple[int, int, str] | None:
    """(first, last, answer) of the relation the missing field at `index` is an
    operand of, when the other operand is a literal or a field."""
    for lo in (index - 2, index):
        hi = lo + 2
        if lo < 0 or hi >= len(tokens) or not tokens[lo + 1].op(*_RELATIONS):
            continue
        left, op, right = tokens[lo], tokens[lo + 1].text, tokens[hi]
        if not (left.atom() and right.atom() and _whole(tokens, lo, hi)):
            continue
        unknowns = [t for t in (left, right) if t.kind == "path" and t.missing]
        written_in = any(t.path[0] in interpolated for t in unknowns)
        if written_in and (op not in {"==", "!="} or len(unknowns) == 2):
            return None
        return lo, hi, _unknown_relation(op, left, right)
    return None


def _with_server_answers(
    expression: str, variables: Mapping[str, Json], interpolated: frozenset[str]
) -> str:
    """The expression with each operation on a missing field replaced by the
    server's answer; KitError for one the kit does not model."""
    tokens = _parse(expression, variables)
    if tokens is None:
        return expression
    while _apply_server_answer(tokens, interpolated):
        pass
    unknown = [t for t in tokens if t.kind == "path" and t.missing]
    if unknown:
        cel.compile(expression)  # a syntax error is a ValueError, field or not
        fields = ", ".join(".".join(t.path) for t in unknown)
        written_in = any(t.path[0] in interpolated for t in unknown)
        raise KitError(
            f"{expression!r} uses {fields}, which the events lack, in a way the "
            "kit does not model. The server reads a missing field as unknown, "
            "with a fixed answer for each operation on it "
            "(pkg/expressions/unknown.go); the kit models ==, !=, <, <=, >, >= "
            "against a value or another field, size(), startsWith, endsWith, "
            "contains, matches, ! and an operand of && or ||"
            + (
                "; a missing field of the run's event only in == or != against "
                "a value (the server writes the event's values into a wait's "
                "expression when the wait starts, pkg/expressions/residual.go)"
                if written_in
                else ""
            )
            + ". Give the event the field, or test it with has()."
        )
    pieces, pos = [], 0
    for token in tokens:
        pieces += [expression[pos : token.start], token.text]
        pos = token.end
    return "".join(pieces) + expression[pos:]


def matches(expression: str, *, event: Json, awaited: Json) -> bool:
    """Whether a `wait_for_event` `if_exp` (or a `cancel` `if`) matches, as the
    server decides it.

    `event` is the run's triggering event and `awaited` the incoming event
    (called `async` in the expression). Only `true` matches. A field that
    either event lacks is not an error on the server: its expression engine
    reads it as unknown, with a fixed answer for each operation on it
    (`pkg/expressions/unknown.go` in inngest/inngest), and the kit gives the
    same answers: an unknown equals only `null`, so `== "x"` is false and
    `!= "x"` true; two unknowns are not equal; an unknown is less than
    anything (`<`, `<=` true; `>`, `>=` false when it is on the left); its
    `size()` is 0; `startsWith`, `endsWith`, `contains`, `matches` and `!` on
    it are false; as an operand of `&&` or `||` it is not true. A missing
    field of `event` counts only in `==` or `!=` against a value: the server
    writes the run's event into the expression when the wait starts
    (`pkg/expressions/residual.go`). Any other use of a missing field raises
    `KitError` rather than guess. A syntax error raises `ValueError`. To
    catch a misspelled field, check the expression with
    [`evaluate`][inngest_kit.evaluate], which raises `KeyError`.
    """
    variables = {"event": event, "async": awaited}
    return _server_truth(expression, variables, interpolated=frozenset({"event"}))


def _server_truth(
    expression: str,
    variables: Mapping[str, Json],
    interpolated: frozenset[str] = frozenset(),
) -> bool:
    answered = _with_server_answers(expression, variables, interpolated)
    try:
        return cel.evaluate(answered, dict(variables)) is True
    except (KeyError, TypeError) as err:
        raise KitError(
            f"{expression!r} fails where the server's expression engine may not "
            f"({type(err).__name__}: {err}): the kit cannot say what Inngest "
            "would answer"
        ) from None


def evaluate(expression: str, *, event: Json, awaited: Json = None) -> Json:
    """Evaluate a key, `expression`, `if_exp` or priority `run` against sample
    events, strictly: a field the sample lacks raises `KeyError`.

    Use it on every expression in your functions with an event shaped like the
    real payload: a misspelled field raises `KeyError` and a syntax error
    `ValueError`, so the typo fails a test instead of a production run (the
    server would not raise: see [`matches`][inngest_kit.matches]).
    """
    variables = (
        {"event": event} if awaited is None else {"event": event, "async": awaited}
    )
    return cel.evaluate(expression, variables)


CRON_EVENT = "inngest/scheduled.timer"
"""The event a cron trigger starts a run with."""


def event_for(fn: inngest.Function[Any], **data: Any) -> inngest.Event:
    """An event that starts `fn`: named after its first event trigger, with
    `data`; for a function with only cron triggers, the event the server
    starts it with.

    That event is `inngest/scheduled.timer` with the cron expression,
    `scheduledAt` (the minute the schedule fired) and `fireAt` (that minute
    plus the trigger's `jitter`) in `data`, the minute as its id and `fireAt`
    as its `ts` (`pkg/execution/executor/service.go` in inngest/inngest). The
    kit puts the current minute in both and does not model jitter. `data`
    adds to it or replaces those fields.
    """
    triggers = registered_config(fn)["triggers"]
    for trigger in triggers:
        if "event" in trigger:
            return inngest.Event(name=trigger["event"], data=data)
    minute = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    stamp = minute.strftime("%Y-%m-%dT%H:%M:%SZ")
    schedule = {"cron": triggers[0]["cron"], "scheduledAt": stamp, "fireAt": stamp}
    return inngest.Event(
        id=stamp,
        name=CRON_EVENT,
        data={**schedule, **data},
        ts=int(minute.timestamp() * 1000),
    )


def triggered_by(
    functions: Sequence[inngest.Function[Any]], event: inngest.Event
) -> list[str]:
    """Ids of the functions (and `on_failure` handlers) an event would start:
    same event name, and the trigger's `expression` (if any) true for the
    event, evaluated as in [`matches`][inngest_kit.matches].

    Exact names only: a wildcard trigger (`"app/*"`) is compared as written,
    never expanded, though Inngest starts it for every matching name; and
    cron triggers never match. An `on_failure` handler is started by
    `inngest/function.failed` for its own function (`data.function_id`). An
    event whose name matches no trigger is accepted by `send()` all the same:
    this is how a test catches the typo.
    """
    payload = _event_json(event)
    started = []
    for fn in functions:
        for config in _handler_configs(fn):
            for trigger in config["triggers"]:
                if trigger.get("event") != event.name:
                    continue
                expression = trigger.get("expression")
                if expression is None or _server_truth(expression, {"event": payload}):
                    started.append(config["id"])
                    break
    return started


# --- The executor --------------------------------------------------------------
#
# The executor models the Inngest server's queue: every request is one queue
# item with its own attempt counter. Sources it follows, from inngest/inngest:
# the SDK spec (`docs/SDK_SPEC.md`, sections 4.4 Call Requests, 5 Steps and
# 11 Failure Handlers) and the executor (`pkg/execution/executor/executor.go`,
# `force_step_plan.go`, `util.go`, `validate.go`).

STEP_BODY_OPS = ("StepRun", "StepError", "StepFailed")
"""Ops that mean the body of a `step.run` ran once."""

_STEP_RUN_FRAME = re.compile(r"step_lib[/\\]step_(?:a)?sync\.py\", line \d+, in run\n")
"""The SDK frame a `RetryAfterError` or `NonRetriableError` passes through when
`step.run` re-raises it to the function level (`step_lib/step_async.py` for an
`async def` function, `step_sync.py` for a `def` one): the server then sees a
failed request, not a step op."""


@dataclasses.dataclass
class Op:
    """One operation the SDK reported back, as the server saw it.

    In `Run.errors`, `op` is `"FunctionError"`: a whole request failed (status
    4xx/5xx, or a response the server refused), and `step_id` names the step
    whose body raised it, or is `""` when the error came from code outside
    steps.
    """

    op: str
    """`StepRun`, `StepError`, `StepFailed`, `StepPlanned`, `Sleep`,
    `WaitForEvent`, `InvokeFunction`, or `FunctionError` in `Run.errors`."""
    step_id: str
    """The step's id as written in the code (its hash when it has none)."""
    attempt: int
    """The attempt of the request that reported it, from 0."""
    data: Json = None
    """What a `StepRun` returned."""
    error: Json = None
    """The error a `StepError`, `StepFailed` or failed request carried."""
    opts: Json = None
    """The op's options: a wait's `event`, `if` and `timeout`, an invoke's
    `function_id` and `payload`."""
    name: str | None = None
    """The op's name: the awaited event of a wait."""
    id: str = ""
    """Which use of `step_id` this is: `step_id` the first time a run uses
    that id, `step_id:1` the second (a step in a loop), as the SDK counts
    before it hashes the id (see [`hashed_step_id`][inngest_kit.hashed_step_id])."""

    def __post_init__(self) -> None:
        self.id = self.id or self.step_id


@dataclasses.dataclass
class Run:
    """What happened to one function run."""

    fn_id: str
    """The function's id: `app-id` + `-` + `fn_id`."""
    status: str
    """`"Completed"`, `"Failed"`, or `"Running"` (a run left in flight by
    `stop_after`)."""
    output: Json = None
    """What the function returned."""
    error: Json = None
    """The last error, as the SDK serialized it (`name`, `message`...) or, for
    a limit the server enforces, as the server records it; cleared when the
    run completes."""
    ops: list[Op] = dataclasses.field(default_factory=list)
    """Every op the SDK reported, in order."""
    requests: int = 0
    """How many execution requests the run sent to the app, not counting the
    kit's own probe for the step behind a function-level error."""
    last_status_code: int = 0
    """The status of the last response: 200, 206, or a failure's."""
    last_headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The headers of the last response (lower-case names)."""
    event: Json = None
    """The triggering event as the server sent it (with an id and a `ts`)."""
    errors: list[Op] = dataclasses.field(default_factory=list)
    """The failed requests, in order (see [`Op`][inngest_kit.Op])."""
    children: list[Run] = dataclasses.field(default_factory=list)
    """The runs `step.invoke` started, in order."""
    memos: dict[str, Json] = dataclasses.field(default_factory=dict)
    """What the server stored for each finished step, by hashed step id:
    `{"data": ...}`, `{"error": ...}`, or `None` for a sleep."""
    stack: list[str] = dataclasses.field(default_factory=list)
    """The hashed ids of the finished steps, in the order the server stored
    them: what each request carries as `ctx.stack.stack` (spec 5.4)."""
    run_id: str = ""
    """The run's id, a ULID as the server's are: `ctx.run_id` in the function."""

    @property
    def completed(self) -> bool:
        """Whether the status is `"Completed"`."""
        return self.status == "Completed"

    def steps(self, op: str | None = None) -> list[str]:
        """Step ids in the order the SDK reported them (optionally one op)."""
        return [o.step_id for o in self.ops if op is None or o.op == op]

    def attempts(self, step_id: str) -> int:
        """How many times the body of `step.run(step_id, ...)` ran.

        Counts the step's `StepRun`, `StepError` and `StepFailed` ops, and the
        failed requests in `errors` that the step's body caused (a
        `RetryAfterError` or `NonRetriableError` raised inside the step, an
        output over the server's limit). A step run in a loop is one step per
        iteration: `"fetch"` counts the first, `"fetch:1"` the second (the
        [`Op.id`][inngest_kit.Op] of each).
        """
        ran = sum(1 for o in self.ops if o.id == step_id and o.op in STEP_BODY_OPS)
        return ran + sum(1 for e in self.errors if e.id == step_id)


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
    id: str = ""


@dataclasses.dataclass
class _RunState:
    """What the server stores for one run (its state store and queue)."""

    run: Run
    events: list[inngest.Event]
    max_attempts: int
    waits: Mapping[str, Sequence[inngest.Event]]
    run_id: str = dataclasses.field(default_factory=lambda: _ulid())
    memos: dict[str, Json] = dataclasses.field(default_factory=dict)
    stack: list[str] = dataclasses.field(default_factory=list)
    pending: set[str] = dataclasses.field(default_factory=set)
    queue: collections.deque[_Item] = dataclasses.field(
        default_factory=lambda: collections.deque([_Item()])
    )
    force_step_plan: bool = False
    request_version: int = -1
    # Wait id -> how many of its events have arrived (each is delivered once).
    arrived: dict[str, int] = dataclasses.field(default_factory=dict)
    # Hashed step id -> `Op.id`; step id -> the next use to hash.
    ids: dict[str, str] = dataclasses.field(default_factory=dict)
    uses: dict[str, int] = dataclasses.field(default_factory=dict)
    # The step id of each stored result, in order (what `stop_after` waits for).
    finished: list[str] = dataclasses.field(default_factory=list)

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

    def use_of(self, step_id: str, hashed: str) -> str:
        """`Op.id` for a reported step: which use of `step_id` hashes to `hashed`."""
        while hashed not in self.ids and self.uses.get(step_id, 0) <= SERVER_STEP_LIMIT:
            n = self.uses.get(step_id, 0)
            self.uses[step_id] = n + 1
            self.ids[hashed_step_id(step_id, n)] = (
                step_id if n == 0 else f"{step_id}:{n}"
            )
        return self.ids.get(hashed, step_id)

    def final_attempt(self, item: _Item, headers: Mapping[str, str]) -> bool:
        """No retry when the SDK says so, or the item used its last attempt
        (`IsStepRetryable` in executor/util.go; spec 4.4.3)."""
        no_retry = headers.get("x-inngest-no-retry") == "true"
        return no_retry or item.attempt + 1 >= self.max_attempts

    def retry(self, item: _Item) -> None:
        """Queue the same item again with the next attempt. The server hands a
        retry back to its queue with a backoff (`handleStepError`: "Return an
        error to trigger standard queue retries"); when it runs again depends
        on that backoff. The kit, which waits for no timer, queues it behind
        what is already queued: a modelling choice, not the server's order."""
        self.queue.append(dataclasses.replace(item, attempt=item.attempt + 1))

    def plan(self, hashed: str, op: Op) -> None:
        """A `StepPlanned` op: one new queue item for that step, at attempt 0
        (`handleGeneratorStepPlanned`). A step already queued or stored is not
        queued twice (the queue's job id is `<run>-<step>-plan`)."""
        if hashed in self.pending or hashed in self.memos:
            return
        self.pending.add(hashed)
        race = (op.opts or {}).get("parallelMode") == "race"
        self.queue.append(_Item(hashed, 0, op.step_id, race, op.id))

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

    def wait_result(self, op: Op) -> Json:
        """Spec 5.3.3: the matching event itself (not nested in `data`), or null.

        An event resolves the matching waits that exist when it arrives, never one
        created after it: the server skips those pauses (`handlePausesAllNaively`,
        executor.go), and an expression that cannot be evaluated (a field the event
        lacks) is no match there. So the events listed for a wait id arrive in order,
        each after the run reached its wait: a wait takes the first match among those
        not yet arrived; the ones before it arrived and matched nothing; the next wait
        with that id (a loop) gets the rest, or times out.
        """
        if op.step_id not in self.waits:
            raise KitError(
                f"the run waits for {op.name!r} at step {op.step_id!r}: pass "
                f"waits={{{op.step_id!r}: [...]}} (an empty list times out)"
            )
        events = self.waits[op.step_id]
        expression = (op.opts or {}).get("if")
        for index in range(self.arrived.get(op.step_id, 0), len(events)):
            candidate = _event_json(events[index])
            if candidate["name"] != op.name:
                continue
            if expression is None or matches(
                expression, event=self.run.event, awaited=candidate
            ):
                self.arrived[op.step_id] = index + 1
                return candidate
        self.arrived[op.step_id] = len(events)
        return None


def _server_error(name: str, message: str, error: str | None = None) -> Json:
    """An error as the server records it (`state.StandardError`)."""
    return {"error": error or f"{name}: {message}", "name": name, "message": message}


def _step_limit_error(limit: int, error: str | None = None) -> Json:
    """`InngestErrFunctionOverflowed`: the run holds its step limit
    (`checkStepLimit`, executor/validate.go), or one response planned more
    steps than the limit (`HandleGeneratorResponse`, executor.go)."""
    message = f"The function run exceeded the step limit of {limit} steps."
    return _server_error("InngestErrFunctionOverflowed", message, error)


def _output_size(op: Json) -> int:
    """Bytes of the output the server stores for an op (`GeneratorOpcode.Output`):
    `{"data": ...}` for a `StepRun`, `{"error": ...}` for a step error, the
    data itself for other ops, as Go's encoding/json writes it: compact, with
    `<`, `>` and `&` escaped (6 bytes each). The SDK writes ASCII-only JSON,
    so no other character changes size."""
    kind = op.get("op")
    if kind in ("StepError", "StepFailed"):
        value: Json = {"error": op.get("error")}
    elif kind == "StepRun":
        value = {"data": op.get("data")}
    elif op.get("data") is None:
        return 0
    else:
        value = op["data"]
    text = json.dumps(value, separators=(",", ":"))
    return len(text) + 5 * sum(text.count(c) for c in "<>&")


def _refused(payload: Json, size: int) -> tuple[Json, Json] | None:
    """The error the server records for a response it refuses, and the op it
    refused (or None), else None: a body over `SERVER_RESPONSE_LIMIT`
    (`output_too_large`, httpdriver.go), or an op whose output is over
    `SERVER_STEP_OUTPUT_LIMIT` (`GeneratorOpcode.Validate`, opcode.go)."""
    ops = (
        [op for op in payload if isinstance(op, dict)]
        if isinstance(payload, list)
        else []
    )
    if size > SERVER_RESPONSE_LIMIT:
        message = "Your function's response body exceeds the maximum size limit"
        return _server_error("output_too_large", message), ops[0] if len(
            ops
        ) == 1 else None
    for op in ops:
        if _output_size(op) > SERVER_STEP_OUTPUT_LIMIT:
            message = (
                f"error validating generator opcode {op.get('id')}: "
                "step output size is greater than the limit"
            )
            return _server_error("Error", message, message), op
    return None


class Executor:
    """Drives function runs through an app's serve endpoint, as Inngest does.

    Args:
        client: a Starlette/FastAPI `TestClient` for the app.
        functions: the functions the app serves (to read their retry config).
            A run can invoke only these: an invoke of any other id fails at
            once, as on the server when no app serves it.
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
        """The `TestClient` requests go through."""
        self.signing_key = signing_key
        """The key every request is signed with (`None`: unsigned)."""
        self.serve_path = serve_path
        """The path of the app's serve endpoint."""
        self.step_limit = SERVER_STEP_LIMIT
        """Steps one run may store before the server fails it
        (`InngestErrFunctionOverflowed`); set it to what Inngest set for
        your account if that differs."""
        self._max_attempts: dict[str, int] = {}
        self._app_ids: dict[str, str] = {}
        for fn in functions:
            for config in _handler_configs(fn):
                retries = config["steps"]["step"].get("retries")
                attempts = (
                    SERVER_DEFAULT_RETRIES if retries is None else retries["attempts"]
                )
                self._max_attempts[config["id"]] = int(attempts) + 1
            self._app_ids[fn.id] = fn.id.removesuffix(f"-{fn.local_id}")

    def post(
        self, fn_id: str, body: Json, *, step: str = "step"
    ) -> tuple[int, Mapping[str, str], Json]:
        """Send one execution request; return status, headers and JSON body."""
        status, headers, payload, _ = self._send(fn_id, body, step)
        return status, headers, payload

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

    def _send(
        self, fn_id: str, body: Json, step: str
    ) -> tuple[int, Mapping[str, str], Json, int]:
        raw = canonical_json(body)
        headers = {"content-type": "application/json"}
        if self.signing_key is not None:
            headers["x-inngest-signature"] = sign(raw, self.signing_key)
        res = self.client.post(
            self.serve_path,
            params={"fnId": fn_id, "stepId": step},
            content=raw,
            headers=headers,
        )
        return res.status_code, res.headers, _json_or_text(res.text), len(res.content)

    def inspect(self) -> Json:
        """GET the serve endpoint: what the Dev Server sees when it probes the app.

        The request is unsigned. A dev-mode app answers with `function_count`,
        `mode` (`"dev"`) and whether the signing and event keys are set; a
        production-mode app answers 401 `{"message": "Unauthorized"}`.
        """
        return self.client.get(self.serve_path).json()

    def run(
        self,
        fn: inngest.Function[Any] | str,
        event: inngest.Event | Sequence[inngest.Event],
        *,
        waits: Mapping[str, Sequence[inngest.Event]] | None = None,
        max_requests: int | None = None,
        stop_after: str | None = None,
        resume: Run | None = None,
    ) -> Run:
        """Run a function to the end and return what happened.

        Args:
            fn: the function (or its fully qualified id, `app-id` + `-` + `fn_id`;
                an `on_failure` handler's id ends in `-failure`).
            event: the triggering event (a list for a batch).
            waits: for each `wait_for_event` step id, the events that arrive
                while the run waits there, in order. The first one with the
                awaited name whose `if_exp` matches resolves the wait; none
                (or `[]`) means the wait times out and the step returns
                `None`. Each event arrives once: a wait id used again (in a
                loop) gets only the events after the one the last wait took
                (none after a timeout).
            max_requests: stop with `KitError` after this many requests. By
                default there is no such stop: a run that never ends fails at
                the server's step limit (`step_limit`), as on the server.
            stop_after: leave the run in flight (status `"Running"`) once the
                step with this id has a stored result (a retried attempt does
                not count), as a run sleeping or waiting there would be while
                you deploy.
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
            if max_requests is not None and state.run.requests >= max_requests:
                raise KitError(f"{fn_id}: still running after {max_requests} requests")
            if len(state.memos) >= self.step_limit:
                # checkStepLimit (executor/validate.go), before every request.
                error = "function has too many steps"
                state.run.status = "Failed"
                state.run.error = _step_limit_error(self.step_limit, error)
                return state.run
            seen = len(state.finished)
            if self._call(state, state.queue.popleft()):
                return state.run
            if stop_after in state.finished[seen:]:
                return state.run
        raise KitError(f"{fn_id}: the run stopped with nothing left to call")

    def _call(self, state: _RunState, item: _Item) -> bool:
        """Send one queue item's request; True when the run has ended."""
        run = state.run
        body = state.body(item)
        status, headers, payload, size = self._send(run.fn_id, body, item.target)
        run.requests += 1
        run.last_status_code, run.last_headers = status, headers
        refused = _refused(payload, size) if status in (200, 206) else None
        if status == 200 and refused is None:
            run.status, run.output, run.error = "Completed", payload, None
            return True
        if status != 206 or refused is not None:
            # A failed request: the server retries the same queue item
            # (spec 4.4.3: X-Inngest-No-Retry decides) until its last attempt.
            error = self._failed_request(state, item, body, payload, refused)
            run.error = error.error
            run.errors.append(error)
            if state.final_attempt(item, headers):
                run.status = "Failed"
                return True
            state.retry(item)
            return False
        if len(payload) > SERVER_STEP_LIMIT:
            # HandleGeneratorResponse (executor.go) fails the run at once.
            run.status, run.error = "Failed", _step_limit_error(SERVER_STEP_LIMIT)
            return True
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
            op = self._op(state, item, raw)
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
            state.finished.append(op.step_id)
            stored = True
        if stored:
            state.discover(item.race)

    @staticmethod
    def _op(state: _RunState, item: _Item, raw: Json) -> Op:
        step_id = raw.get("displayName") or raw["id"]
        return Op(
            op=raw["op"],
            step_id=step_id,
            attempt=item.attempt,
            data=raw.get("data"),
            error=raw.get("error"),
            opts=raw.get("opts"),
            name=raw.get("name"),
            id=state.use_of(step_id, raw["id"]),
        )

    def _failed_request(
        self,
        state: _RunState,
        item: _Item,
        body: Json,
        payload: Json,
        refused: tuple[Json, Json] | None,
    ) -> Op:
        """Record a failed request, naming the step whose body raised it (or
        whose output the server refused)."""
        step_id, use = item.name, item.id
        if refused is not None:
            error, raw = refused
            if raw is not None and raw.get("op") in STEP_BODY_OPS:
                step_id = raw.get("displayName") or raw["id"]
                use = state.use_of(step_id, raw["id"])
        else:
            error = payload
            if item.target == "step" and _raised_in_a_step(payload):
                step_id, use = self._step_behind(state, body)
        return Op(
            op="FunctionError",
            step_id=step_id,
            attempt=item.attempt,
            error=error,
            id=use or step_id,
        )

    def _step_behind(self, state: _RunState, body: Json) -> tuple[str, str]:
        """Which step's body raised an error the SDK moved to the function level.

        The server does not need to know, so it never asks; the kit does, to
        count `Run.attempts`. It sends the same request once more with step
        planning forced: the SDK then reports the step it would run, without
        running it (spec 5.3.1). Code outside steps runs once more; `requests`
        does not count this call. `""` when the error came from outside steps.
        """
        probe = {**body, "ctx": {**body["ctx"], "disable_immediate_execution": True}}
        status, _, payload = self.post(state.run.fn_id, probe)
        if status == 206 and len(payload) == 1 and payload[0]["op"] == "StepPlanned":
            step_id = str(payload[0].get("displayName") or payload[0]["id"])
            return step_id, state.use_of(step_id, payload[0]["id"])
        return "", ""

    def _resolve(self, op: Op, state: _RunState, hashed: str) -> Json:
        """What the server stores as the result of a finished op."""
        if op.op == "StepRun":
            return {"data": op.data}
        if op.op in ("StepFailed", "StepError"):
            return {"error": op.error}
        if op.op == "Sleep":
            return None  # spec 5.3.2: a finished sleep is stored as null
        if op.op == "WaitForEvent":
            return state.wait_result(op)
        if op.op == "InvokeFunction":
            return self._invoke(op, state, hashed)
        raise KitError(f"unsupported op {op.op!r} at step {op.step_id!r}")

    def _invoke(self, op: Op, state: _RunState, hashed: str) -> Json:
        """Spec 5.3.4: the child's output as `{data}`, its error as `{error}`.

        A function id that no app serves never starts a run: the server
        answers the invoke at once with an error (`FindInvokedFunction` and
        `InvokeFailHandler` in pkg/execution/runner/runner.go). Here, "served"
        means given to this executor.
        """
        function_id = (op.opts or {})["function_id"]
        if function_id not in self._max_attempts:
            message = f"could not find function with ID: {function_id}"
            return {"error": {"name": "Error", "message": message}}
        child = self.run(
            function_id,
            self.invocation_event(op, state.run.fn_id, state.run_id, hashed),
        )
        state.run.children.append(child)
        if child.completed:
            return {"data": child.output}
        return {"error": child.error}

    def invocation_event(
        self, op: Op, parent_fn_id: str, run_id: str, hashed: str
    ) -> inngest.Event:
        """The event the server starts an invoked function with.

        `step.invoke`'s `data` plus the server's own `data._inngest` metadata
        (`NewInvocationEvent` in pkg/event/invoke.go), which the SDK passes on
        untouched: the child's `ctx.event.data` has an `_inngest` key. The
        server's internal UUIDs and trace ids are stood in for by ids derived
        from the function ids, or random ones.
        """
        opts = op.opts or {}
        data = dict((opts.get("payload") or {}).get("data") or {})
        app_id = self._app_ids.get(parent_fn_id, parent_fn_id)
        span = os.urandom(8).hex()
        data["_inngest"] = {
            "source_app_id": str(uuid.uuid5(uuid.NAMESPACE_URL, app_id)),
            "source_fn_id": str(uuid.uuid5(uuid.NAMESPACE_URL, parent_fn_id)),
            "source_fn_v": 1,
            "fn_id": opts["function_id"],
            "correlation_id": f"{run_id}.{hashed}",
            # The trace carrier linking the child to the parent's span
            # (`InvokeTraceCarrier`, json "tc").
            "tc": {
                "ctx": {
                    "sid": span,
                    "traceparent": f"00-{os.urandom(16).hex()}-{span}-01",
                },
                "ts": datetime.datetime.now(datetime.UTC)
                .isoformat()
                .replace("+00:00", "Z"),
            },
            "expire": _expires_at(opts.get("timeout")),
            "gid": str(uuid.uuid4()),
            "name": op.name or op.step_id,
        }
        return inngest.Event(name="inngest/function.invoked", data=data)


def _raised_in_a_step(payload: Json) -> bool:
    stack = payload.get("stack") if isinstance(payload, dict) else None
    return isinstance(stack, str) and _STEP_RUN_FRAME.search(stack) is not None


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
    """The JSON body of one execution request: the fields of the server's
    request that the SDK reads (`ServerRequest`), not every field it sends.

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


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _ulid() -> str:
    """A ULID, the server's id for events and runs: 48 bits of Unix
    milliseconds and 80 random bits, 26 characters of Crockford base 32."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def _with_id_and_ts(event: inngest.Event) -> inngest.Event:
    """Events as the server stores them: with an id (a ULID, as the server
    gives an event sent without one) and a timestamp."""
    return event.model_copy(
        update={
            "id": event.id or _ulid(),
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

    Listens on 127.0.0.1 on a free port once started. Point a dev-mode client
    at it with `INNGEST_DEV=<url>` (or `api_base_url=`/`event_api_base_url=`).
    """

    events: list[Json] = dataclasses.field(default_factory=list)
    """Every event accepted, as the SDK sent it (`name`, `data`, `id`...)."""
    event_keys: list[str] = dataclasses.field(default_factory=list)
    """The event key of each send request (the path after `/e/`)."""
    syncs: list[Json] = dataclasses.field(default_factory=list)
    """The body of every accepted sync (PUT): the app and its functions."""
    sync_headers: list[dict[str, str]] = dataclasses.field(default_factory=list)
    """Headers of every sync request, refused ones included (lower-case names)."""
    signing_keys: list[str] = dataclasses.field(default_factory=list)
    """When set, a sync must carry one of these keys as its bearer token (as
    Inngest Cloud checks it), or it is refused with 401."""
    url: str = ""
    """Its address, `http://127.0.0.1:<port>`, once started."""
    accept_at_most: int | None = None
    """Accept only the first N events of a send and answer 400 with their
    ids, as an event API that took part of a batch (`None`: accept all)."""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> FakeInngestAPI:
        """Listen on a free port of 127.0.0.1 (in a daemon thread); returns itself."""
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                path = urllib.parse.urlparse(self.path).path
                if path.startswith("/e/"):
                    accepted = body[: api.accept_at_most]
                    # Event ids are ULIDs, as Inngest's Event API answers.
                    ids = [_ulid() for _ in accepted]
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
        """Stop listening (nothing to do if it never started)."""
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
        """The name of every accepted event, in order."""
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
    try:
        inngest.fast_api.serve(app, client, list(functions))
    except Exception as err:
        if type(err).__name__ != "SigningKeyMissingError":
            raise
        raise KitError(
            f"the client {client.app_id!r} is in production mode and has no "
            "signing key: set INNGEST_DEV (to a FakeInngestAPI's url) before the "
            "client is created, or pass is_production=False"
        ) from None
    test_client = TestClient(app, raise_server_exceptions=raise_server_exceptions)
    return Executor(test_client, functions, signing_key=signing_key)
