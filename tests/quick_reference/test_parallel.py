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
