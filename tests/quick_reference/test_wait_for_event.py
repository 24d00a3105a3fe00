import inngest
import pytest

from snippets.quick_reference import wait_for_event
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import matches, registered_config, serve_functions

FN = wait_for_event.expense_approval
SUBMITTED = inngest.Event(name="qr/expense.submitted", data={"expense_id": "e-1"})


def _approved(expense_id: str) -> inngest.Event:
    return inngest.Event(
        name="qr/expense.approved", data={"expense_id": expense_id, "approver": "Grace"}
    )


def test_matching_event_resumes_the_run_with_that_event() -> None:
    run = serve_functions(client, [FN]).run(
        FN, SUBMITTED, waits={"wait-for-approval": [_approved("e-1")]}
    )
    assert run.output == "approved by Grace"


def test_event_for_another_expense_does_not_match_and_the_wait_times_out() -> None:
    run = serve_functions(client, [FN]).run(
        FN, SUBMITTED, waits={"wait-for-approval": [_approved("e-2")]}
    )
    assert run.output == "expired"


def test_timeout_returns_none() -> None:
    run = serve_functions(client, [FN]).run(
        FN, SUBMITTED, waits={"wait-for-approval": []}
    )
    assert run.output == "expired"


def test_what_the_sdk_asks_the_server_to_wait_for() -> None:
    run = serve_functions(client, [FN]).run(
        FN, SUBMITTED, waits={"wait-for-approval": []}
    )
    wait = run.ops[0]
    assert (wait.op, wait.name) == ("WaitForEvent", "qr/expense.approved")
    # timedelta(days=7) goes over the wire as "1w"; if_exp as "if".
    assert wait.opts == {
        "if": "async.data.expense_id == event.data.expense_id",
        "timeout": "1w",
    }


def test_if_exp_is_valid_cel_over_these_events() -> None:
    expr = "async.data.expense_id == event.data.expense_id"
    event = SUBMITTED.model_dump(mode="json")
    assert matches(expr, event=event, awaited=_approved("e-1").model_dump(mode="json"))
    with pytest.raises(KeyError):
        matches(
            "async.data.expenseId == event.data.expense_id",
            event=event,
            awaited=_approved("e-1").model_dump(mode="json"),
        )


def test_timeout_is_required() -> None:
    assert "timeout" not in registered_config(FN)  # a step option, not function config

    @client.create_function(
        fn_id="no-timeout", trigger=inngest.TriggerEvent(event="qr/x")
    )
    async def no_timeout(ctx: inngest.Context) -> None:
        await ctx.step.wait_for_event("w", event="qr/y")  # type: ignore[call-arg]

    run = serve_functions(client, [no_timeout]).run(
        no_timeout, inngest.Event(name="qr/x")
    )
    assert run.error["name"] == "TypeError"
    assert "missing 1 required keyword-only argument: 'timeout'" in run.error["message"]


@pytest.mark.parametrize(
    ("timeout", "name", "message"),
    [
        ("7d", "TypeError", "'<' not supported between instances of 'str' and 'int'"),
        (500, "FunctionConfigInvalidError", "duration must be at least 1 second"),
    ],
)
def test_timeout_must_be_a_duration_of_at_least_a_second(
    timeout: object, name: str, message: str
) -> None:
    @client.create_function(
        fn_id=f"bad-timeout-{name}", trigger=inngest.TriggerEvent(event="qr/bt")
    )
    async def bad_timeout(ctx: inngest.Context) -> None:
        await ctx.step.wait_for_event("w", event="qr/y", timeout=timeout)  # type: ignore[arg-type]

    run = serve_functions(client, [bad_timeout]).run(
        bad_timeout, inngest.Event(name="qr/bt")
    )
    assert (run.error["name"], run.error["message"]) == (name, message)


def test_arguments_after_the_step_id_are_keyword_only() -> None:
    @client.create_function(
        fn_id="positional", trigger=inngest.TriggerEvent(event="qr/p")
    )
    async def positional(ctx: inngest.Context) -> None:
        await ctx.step.wait_for_event("w", "qr/y")  # type: ignore[call-arg]

    run = serve_functions(client, [positional]).run(
        positional, inngest.Event(name="qr/p")
    )
    assert run.error["name"] == "TypeError"


def test_string_literals_in_if_exp_need_quotes() -> None:
    awaited = {"data": {"id": "abc"}}
    assert matches("async.data.id == 'abc'", event={}, awaited=awaited)
    with pytest.raises(RuntimeError, match="abc"):
        matches("async.data.id == abc", event={}, awaited=awaited)
