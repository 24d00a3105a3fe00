"""Every CEL expression the improve guide registers parses and evaluates.

Collects every expression in the config that each function of
snippets/guides/improve syncs (its on_failure function included) with the
reference app's collector (snippets/patterns/expressions.py), and checks each
with CEL against sample events. A typo in an example (a syntax error, a field
the event does not have, a wrong result type) fails here.
"""

from typing import Any

import pytest

from snippets.patterns.expressions import Expression, check
from tests.guides.improve.expressions import guide_expressions

GUIDE = list(guide_expressions())
CASES = [
    pytest.param(expression, samples, id=f"{expression.function}:{expression.where}")
    for expression, samples in GUIDE
]


def test_the_guide_has_expressions_to_check() -> None:
    wheres = {expression.where for expression, _ in GUIDE}
    assert {
        "cancel[0].if",
        "concurrency[0].key",
        "priority.run",
        "idempotency",
    } <= wheres
    assert {
        "triggers[0].expression",
        "batchEvents[0].key",
        "singleton[0].key",
    } <= wheres


@pytest.mark.parametrize(("expression", "samples"), CASES)
def test_expression_evaluates_with_cel(
    expression: Expression, samples: dict[str, Any]
) -> None:
    # The samples of a cancel's two events are for the same account, so a
    # condition that compares both sides must be true.
    value = check(expression, samples)
    if expression.kind == "condition":
        assert value is True, f"{expression} does not match its own sample"
    if expression.kind == "key":
        assert isinstance(value, str), f"{expression} gives {value!r}, not a str"
