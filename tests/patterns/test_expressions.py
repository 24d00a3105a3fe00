"""Every CEL expression of the reference app parses, names real payload fields
and has the right type; a typo fails with the function and the expression."""

import ast
import dataclasses
import datetime
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.leadflow import registry
from snippets.leadflow.client import client
from snippets.patterns.expressions import (
    Expression,
    ExpressionError,
    check,
    expressions,
    waits,
)
from tests.leadflow.samples import SAMPLES

LEADFLOW = Path(registry.__file__).parent


class TimeOut(dict[str, Sequence[inngest.Event]]):
    """`waits=` that lets every wait_for_event time out."""

    def __contains__(self, key: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True

    def __missing__(self, key: str) -> Sequence[inngest.Event]:
        return []


def app_expressions() -> Iterator[Expression]:
    executor = kit.serve_functions(client, registry.functions)
    for fn in registry.functions:
        yield from expressions(fn)
        run = executor.run(
            fn,
            inngest.Event(
                name=kit.event_for(fn).name,
                data=SAMPLES[kit.event_for(fn).name]["data"],
            ),
            waits=TimeOut(),
        )
        yield from waits(fn, run)


APP = list(app_expressions())


@pytest.mark.parametrize("expression", APP, ids=str)
def test_each_app_expression_checks_against_the_payload_models(
    expression: Expression,
) -> None:
    value = check(expression, SAMPLES)
    if expression.kind == "key":
        other = {**SAMPLES[expression.trigger]["data"], "lead_id": "lead-7"}
        samples = {**SAMPLES, expression.trigger: {"data": other}}
        assert check(expression, samples) != value, (
            "a per-lead key must differ per lead"
        )
    else:
        assert value is True, "the sample events are for the same lead: must match"
        assert expression.awaited is not None
        other = {**SAMPLES[expression.awaited]["data"], "lead_id": "lead-7"}
        samples = {**SAMPLES, expression.awaited: {"data": other}}
        assert check(expression, samples) is False, "another lead's event matched"


def keyword_count(*names: str) -> int:
    """How many `name=...` keyword arguments the app's source passes."""
    return sum(
        1
        for path in LEADFLOW.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.keyword) and node.arg in names
    )


def test_no_expression_in_the_app_escapes_the_check() -> None:
    conditions = [e for e in APP if e.kind == "condition"]
    keys = [e for e in APP if e.kind == "key"]
    assert len(conditions) == keyword_count("if_exp", "expression") == 2
    assert len(keys) == keyword_count("key", "idempotency") == 3


AWAIT = next(e for e in APP if e.where == "wait 'wait-for-reply'")


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("async.data.lead_idd == event.data.lead_id", "no field 'lead_idd'"),
        (
            "async.data.lead_id = event.data.lead_id",
            # the parser's first line only: where the syntax error is
            "does not parse: Failed to parse expression 'async.data.lead_id = event"
            ".data.lead_id': ERROR: <input>:1:20: Syntax error: token recognition"
            " error at: '= '",
        ),
        ("async.data.lead_id", "gives 'lead-42', not a bool"),
    ],
)
def test_a_typo_names_the_function_and_the_expression(
    source: str, problem: str
) -> None:
    broken = dataclasses.replace(AWAIT, source=source)
    with pytest.raises(ExpressionError) as err:
        check(broken, SAMPLES)
    message = str(err.value)
    assert message.startswith(f"leadflow-await-reply: wait 'wait-for-reply' {source!r}")
    assert problem in message


@pytest.mark.parametrize(
    ("source", "value"), [("event.data.lead_id", "lead-42"), ("7", 7)]
)
def test_a_key_may_give_a_string_or_an_int(source: str, value: object) -> None:
    key = Expression("f", "idempotency", source, "key", "workflow/await-reply")
    assert check(key, SAMPLES) == value


@pytest.mark.parametrize("source", ["event.data.lead_id == 'x'", "''"])
def test_a_key_must_give_a_non_empty_string_or_int(source: str) -> None:
    key = Expression("f", "idempotency", source, "key", "workflow/await-reply")
    with pytest.raises(ExpressionError, match="not a str or int key"):
        check(key, SAMPLES)


def test_an_event_without_a_sample_is_reported() -> None:
    typo = Expression(
        "f", "cancel[0].if", "true", "condition", "workflow/new-lead", "api/booked"
    )
    with pytest.raises(ExpressionError, match=r"no sample event for \['api/booked'\]"):
        check(typo, SAMPLES)


def test_trigger_expressions_and_single_option_keys_are_collected() -> None:
    @client.create_function(
        fn_id="filtered",
        trigger=inngest.TriggerEvent(
            event="workflow/new-lead", expression="event.data.strategy == 'email'"
        ),
        throttle=inngest.Throttle(
            limit=1, period=datetime.timedelta(minutes=1), key="event.data.lead_id"
        ),
    )
    async def filtered(ctx: inngest.Context) -> Any:
        return None

    found = {e.where: check(e, SAMPLES) for e in expressions(filtered)}
    assert found == {"triggers[0].expression": True, "throttle[0].key": "lead-42"}


def test_batch_conditions_and_priorities_are_collected() -> None:
    @client.create_function(
        fn_id="batched",
        trigger=inngest.TriggerEvent(event="workflow/new-lead"),
        batch_events=inngest.Batch(
            max_size=10,
            timeout=datetime.timedelta(seconds=5),
            key="event.data.lead_id",
            if_exp="event.data.strategy == 'email'",
        ),
    )
    async def batched(ctx: inngest.Context) -> Any:
        return None

    @client.create_function(
        fn_id="prioritized",
        trigger=inngest.TriggerEvent(event="workflow/new-lead"),
        priority=inngest.Priority(run="event.data.strategy == 'phone' ? 60 : 0"),
    )
    async def prioritized(ctx: inngest.Context) -> Any:
        return None

    found = {
        e.where: check(e, SAMPLES)
        for fn in (batched, prioritized)
        for e in expressions(fn)
    }
    assert found == {
        "batchEvents[0].key": "lead-42",
        "batchEvents.if": True,
        "priority.run": 0,
    }


@pytest.mark.parametrize("source", ["event.data.lead_id", "true"])
def test_a_priority_must_give_an_int(source: str) -> None:
    priority = Expression("f", "priority.run", source, "priority", "workflow/new-lead")
    with pytest.raises(ExpressionError, match="not an int"):
        check(priority, SAMPLES)


def test_an_expression_is_a_record_that_cannot_change() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        AWAIT.source = "true"  # type: ignore[misc]
