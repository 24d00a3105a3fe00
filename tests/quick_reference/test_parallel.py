import inngest

from snippets.quick_reference import parallel
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import serve_functions


def test_parallel_plans_both_steps_then_returns_their_results_in_order() -> None:
    run = serve_functions(client, [parallel.build_dashboard]).run(
        parallel.build_dashboard,
        inngest.Event(name="qr/dashboard.requested", data={"user_id": "u1"}),
    )
    assert run.output == {"profile": {"id": "u1", "name": "Ada"}, "orders": [1, 2, 3]}
    # The SDK first reports both steps as planned; the server then runs each one
    # in its own request (in parallel on a real server).
    assert run.steps("StepPlanned") == ["profile", "orders"]
    assert sorted(run.steps("StepRun")) == ["orders", "profile"]


def test_race_mode_still_returns_every_result_and_runs_both_steps_of_a_callable() -> (
    None
):
    run = serve_functions(client, [parallel.fulfil_order]).run(
        parallel.fulfil_order,
        inngest.Event(name="qr/order.paid", data={"order_id": "o-1"}),
    )
    # group.parallel returns only when every callable has a result, RACE or not:
    assert run.output == ["receipt for charged o-1", "reserved o-1"]
    # The callable with two steps ran both of them, one after the other.
    ran = run.steps("StepRun")
    assert sorted(ran) == ["charge", "reserve-stock", "send-receipt"]
    assert ran.index("charge") < ran.index("send-receipt")
    # RACE is a hint to the server, sent with each planned step.
    planned = [op for op in run.ops if op.op == "StepPlanned"]
    assert {op.step_id for op in planned} >= {"charge", "reserve-stock"}
    assert all(op.opts == {"parallelMode": "race"} for op in planned)


def test_wait_mode_sends_no_parallel_hint() -> None:
    run = serve_functions(client, [parallel.build_dashboard]).run(
        parallel.build_dashboard,
        inngest.Event(name="qr/dashboard.requested", data={"user_id": "u1"}),
    )
    planned = [op for op in run.ops if op.op == "StepPlanned"]
    assert planned
    assert all(not op.opts for op in planned)
