import inngest

from inngest_kit import serve_functions
from snippets.quick_reference import parallel
from snippets.quick_reference.client import client


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
