import inngest

from snippets.guides.improve import invoke
from snippets.guides.improve.client import client
from snippets.testing_kit import kit


def _qualify(employees: int) -> kit.Run:
    executor = kit.serve_functions(client, [invoke.qualify_lead, invoke.score_lead])
    return executor.run(
        invoke.qualify_lead,
        inngest.Event(name="lead/created", data={"employees": employees}),
    )


def test_invoke_returns_the_child_output() -> None:
    run = _qualify(1200)
    assert run.output == "sales"
    (call,) = run.ops
    assert call.op == "InvokeFunction"
    assert call.opts == {
        "function_id": "improve-guide-score-lead",
        "payload": {"data": {"employees": 1200}, "v": None},
        "timeout": "10m",
    }
    assert _qualify(12).output == "nurture"


def test_a_failed_child_raises_step_error_in_the_caller() -> None:
    run = _qualify(-1)
    assert run.completed
    assert run.output == "unscored: employees cannot be negative"
