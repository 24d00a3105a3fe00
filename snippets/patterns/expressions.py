"""Check every CEL expression of a function against sample events, offline.

Inngest evaluates `if_exp`, cancel `if_exp`, trigger `expression` and the
flow-control `key`s on its server. A misspelled field there is not an error:
the wait never matches, the cancel never fires, every run shares one
concurrency key. This module finds those mistakes in a test, with the
`common-expression-language` package, through
[`kit.evaluate`][inngest_kit.evaluate].
"""

# --8<-- [start:collect]
import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import inngest

import inngest_kit as kit

Json = Any


@dataclasses.dataclass(frozen=True)
class Expression:
    """One expression of one function, and where it sits."""

    function: str  # the function id, e.g. "leadflow-await-reply"
    where: str  # e.g. "cancel[0].if" or "wait 'wait-for-reply'"
    source: str
    kind: Literal["condition", "key", "priority"]  # what the value must be
    trigger: str  # the event that `event` refers to
    awaited: str | None = None  # the event that `async` refers to

    def __str__(self) -> str:
        return f"{self.function}: {self.where} {self.source!r}"


KEYED = ("concurrency", "throttle", "rateLimit", "debounce", "singleton", "batchEvents")


def expressions(fn: inngest.Function[Any]) -> Iterator[Expression]:
    """Every expression in the config the function registers."""
    config = kit.registered_config(fn)
    yield from config_expressions(fn.id, config, kit.event_for(fn).name)


def config_expressions(
    function: str, config: Mapping[str, Json], trigger: str
) -> Iterator[Expression]:
    """Every expression in one registered config (e.g. an on_failure function's)."""
    base = {"function": function, "trigger": trigger}
    for i, item in enumerate(config["triggers"]):
        if "expression" in item:
            where = f"triggers[{i}].expression"
            yield Expression(
                where=where, source=item["expression"], kind="condition", **base
            )
    for i, cancel in enumerate(config.get("cancel", [])):
        if "if" in cancel:
            yield Expression(
                where=f"cancel[{i}].if",
                source=cancel["if"],
                kind="condition",
                awaited=cancel["event"],
                **base,
            )
    for option in KEYED:
        value = config.get(option) or []
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if "key" in item:
                where = f"{option}[{i}].key"
                yield Expression(where=where, source=item["key"], kind="key", **base)
    if "if" in config.get("batchEvents", {}):
        source = config["batchEvents"]["if"]
        yield Expression(
            where="batchEvents.if", source=source, kind="condition", **base
        )
    if "priority" in config:
        source = config["priority"]["run"]
        yield Expression(where="priority.run", source=source, kind="priority", **base)
    if "idempotency" in config:
        source = config["idempotency"]
        yield Expression(where="idempotency", source=source, kind="key", **base)


def waits(fn: inngest.Function[Any], run: kit.Run) -> Iterator[Expression]:
    """The `wait_for_event` conditions a run reached (they are not in the config)."""
    for op in run.ops:
        if op.op == "WaitForEvent" and "if" in (op.opts or {}):
            yield Expression(
                function=fn.id,
                where=f"wait {op.step_id!r}",
                source=op.opts["if"],
                kind="condition",
                trigger=kit.event_for(fn).name,
                awaited=op.name,
            )


# --8<-- [end:collect]


# --8<-- [start:check]
class ExpressionError(AssertionError):
    """An expression does not parse, names a missing field, or has the wrong type."""


def check(expression: Expression, samples: Mapping[str, Json]) -> Json:
    """Evaluate `expression` with sample events; return its value or raise.

    `samples` maps an event name to a sample event (`{"name": ..., "data": ...}`)
    shaped like the payload your code sends: build it from the pydantic model.
    """
    names = [n for n in (expression.trigger, expression.awaited) if n is not None]
    missing = [n for n in names if n not in samples]
    if missing:
        raise ExpressionError(f"{expression}: no sample event for {missing}")
    awaited = samples[expression.awaited] if expression.awaited else None
    try:
        value = kit.evaluate(
            expression.source, event=samples[expression.trigger], awaited=awaited
        )
    except ValueError as err:
        first = str(err).splitlines()[0]
        raise ExpressionError(f"{expression}: does not parse: {first}") from None
    except KeyError as err:
        raise ExpressionError(
            f"{expression}: no field {err} in the sample events {names}"
        ) from None
    if expression.kind == "condition" and not isinstance(value, bool):
        raise ExpressionError(f"{expression}: gives {value!r}, not a bool")
    if expression.kind == "priority" and (
        isinstance(value, bool) or not isinstance(value, int)
    ):
        raise ExpressionError(f"{expression}: gives {value!r}, not an int")
    if expression.kind == "key" and (
        isinstance(value, bool) or not isinstance(value, str | int) or value == ""
    ):
        raise ExpressionError(f"{expression}: gives {value!r}, not a str or int key")
    return value


# --8<-- [end:check]
