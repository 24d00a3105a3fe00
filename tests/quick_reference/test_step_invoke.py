import inngest
import pytest

from snippets.quick_reference import step_invoke
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import Run, serve_functions


def _qualify(email: str) -> Run:
    executor = serve_functions(
        client, [step_invoke.qualify_lead, step_invoke.score_lead]
    )
    return executor.run(
        step_invoke.qualify_lead,
        inngest.Event(name="qr/lead.created", data={"email": email}),
    )


def test_invoke_returns_the_child_functions_return_value() -> None:
    hot, cold = _qualify("ada@acme.com"), _qualify("bob@example.com")
    assert (hot.output, cold.output) == ("hot", "cold")


def test_invoke_names_the_child_by_app_and_function_id() -> None:
    invoke = _qualify("ada@acme.com").ops[0]
    assert invoke.op == "InvokeFunction"
    assert invoke.opts == {
        "function_id": "quick-reference-score-lead",
        "payload": {"data": {"email": "ada@acme.com"}, "v": None},
        "timeout": None,  # no timeout: the parent waits as long as the child runs
    }


def test_a_failed_invoked_function_raises_step_error_in_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    @client.create_function(
        fn_id="score-lead-broken",
        trigger=inngest.TriggerEvent(event="qr/lead.score-requested"),
        retries=0,
    )
    async def broken(ctx: inngest.Context) -> int:
        raise inngest.NonRetriableError("scoring model unavailable")

    @client.create_function(
        fn_id="qualify-lead-broken",
        trigger=inngest.TriggerEvent(event="qr/lead.created"),
    )
    async def caller(ctx: inngest.Context) -> str:
        try:
            await ctx.step.invoke("score", function=broken, data={})
        except inngest.StepError as err:
            return f"{err.name}: {err.message}"
        return "unreachable"

    run = serve_functions(client, [caller, broken]).run(
        caller, inngest.Event(name="qr/lead.created")
    )
    assert run.output == "NonRetriableError: scoring model unavailable"


def test_the_invoked_run_gets_the_data_plus_the_servers_metadata() -> None:
    [child] = _qualify("ada@acme.com").children
    assert child.event["name"] == "inngest/function.invoked"
    assert set(child.event["data"]) == {"email", "_inngest"}
    assert child.event["data"]["_inngest"]["fn_id"] == "quick-reference-score-lead"


@pytest.mark.parametrize(
    ("email", "score"), [("ada@acme.com", 80), ("bob@example.com", 20)]
)
def test_the_child_scores_acme_addresses_80_and_others_20(
    email: str, score: int
) -> None:
    executor = serve_functions(client, [step_invoke.score_lead])
    run = executor.run(
        step_invoke.score_lead,
        inngest.Event(name="qr/lead.score-requested", data={"email": email}),
    )
    assert run.output == score
