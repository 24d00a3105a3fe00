import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import invoke
from snippets.guides.improve.client import client


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


def test_the_invoked_run_gets_the_data_plus_the_servers_metadata() -> None:
    [child] = _qualify(1200).children
    assert child.event["name"] == "inngest/function.invoked"
    assert set(child.event["data"]) == {"employees", "_inngest"}
    assert child.event["data"]["_inngest"]["fn_id"] == "improve-guide-score-lead"


def test_a_failed_child_raises_step_error_in_the_caller() -> None:
    run = _qualify(-1)
    assert run.completed
    assert run.output == "unscored: employees cannot be negative"


@pytest.mark.parametrize(
    ("employees", "score", "route"),
    [(0, 40, "nurture"), (499, 40, "nurture"), (500, 90, "sales")],
)
def test_500_employees_or_more_score_90_and_go_to_sales(
    employees: int, score: int, route: str
) -> None:
    executor = kit.serve_functions(client, [invoke.score_lead])
    child = executor.run(
        invoke.score_lead,
        inngest.Event(name="lead/score.requested", data={"employees": employees}),
    )
    assert child.output == score
    assert _qualify(employees).output == route


def test_the_child_fails_without_retrying() -> None:
    config = kit.registered_config(invoke.score_lead)
    assert config["steps"]["step"]["retries"] == {"attempts": 0}
    executor = kit.serve_functions(client, [invoke.score_lead])
    run = executor.run(
        invoke.score_lead,
        inngest.Event(name="lead/score.requested", data={"employees": -1}),
    )
    assert run.status == "Failed"
    assert run.error["name"] == "NonRetriableError"
    assert run.requests == 1
