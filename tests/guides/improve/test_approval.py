import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import approval
from snippets.guides.improve.client import client

SUBMITTED = inngest.Event(name="expense/submitted", data={"expense_id": "exp-1"})
IF_EXP = "async.data.expense_id == event.data.expense_id"


def _run(*arrivals: inngest.Event) -> kit.Run:
    executor = kit.serve_functions(client, [approval.expense_approval])
    return executor.run(
        approval.expense_approval,
        SUBMITTED,
        waits={"wait-for-decision": list(arrivals)},
    )


def test_the_matching_decision_resumes_the_run() -> None:
    run = _run(
        inngest.Event(
            name="expense/decided", data={"expense_id": "exp-2", "approved": False}
        ),
        inngest.Event(
            name="expense/decided", data={"expense_id": "exp-1", "approved": True}
        ),
    )
    assert run.completed
    assert run.output == {"expense_id": "exp-1", "status": "approved"}
    assert run.steps() == ["notify-approver", "wait-for-decision", "record-decision"]


def test_a_rejection_is_recorded() -> None:
    run = _run(
        inngest.Event(
            name="expense/decided", data={"expense_id": "exp-1", "approved": False}
        )
    )
    assert run.output == {"expense_id": "exp-1", "status": "rejected"}


@pytest.mark.parametrize(
    "data",
    [
        {"expense_id": "exp-1"},
        {"expense_id": "exp-1", "approved": "true"},
        {"expense_id": "exp-1", "approved": 1},
        {"expense_id": "exp-1", "approved": None},
    ],
    ids=["missing", "string", "one", "null"],
)
def test_only_a_json_true_approves(data: dict[str, inngest.JSON]) -> None:
    # `is True`: a decision without `approved`, or with a truthy non-boolean, rejects.
    decided = inngest.Event(name="expense/decided", data=data)
    run = _run(decided)
    assert run.output == {"expense_id": "exp-1", "status": "rejected"}


def test_on_timeout_the_step_returns_none_and_the_run_escalates() -> None:
    # Only a decision for another expense arrives: the wait times out.
    run = _run(
        inngest.Event(
            name="expense/decided", data={"expense_id": "exp-9", "approved": True}
        )
    )
    assert run.completed
    assert run.output == {"expense_id": "exp-1", "status": "escalated"}
    assert run.steps() == ["notify-approver", "wait-for-decision", "escalate"]


def test_the_sdk_asks_the_server_for_this_wait() -> None:
    run = _run()
    (wait,) = [op for op in run.ops if op.op == "WaitForEvent"]
    assert wait.name == "expense/decided"
    assert wait.opts == {"if": IF_EXP, "timeout": "3d"}


def test_async_is_the_awaited_event_and_event_is_the_trigger() -> None:
    trigger = {"name": "expense/submitted", "data": {"expense_id": "exp-1"}}
    decided = {
        "name": "expense/decided",
        "data": {"expense_id": "exp-1", "approved": True},
    }
    assert kit.matches(IF_EXP, event=trigger, awaited=decided)
    other = {"name": "expense/decided", "data": {"expense_id": "exp-2"}}
    assert not kit.matches(IF_EXP, event=trigger, awaited=other)
    # `event.` never means the incoming decision: the trigger has no `approved`
    # (a missing field: no match, as on the server; the strict check names it).
    assert not kit.matches(
        "event.data.approved == true", event=trigger, awaited=decided
    )
    with pytest.raises(KeyError):
        kit.evaluate("event.data.approved == true", event=trigger, awaited=decided)
    assert kit.matches("async.data.approved == true", event=trigger, awaited=decided)


def test_timeout_is_required() -> None:
    # A step option, not function config.
    assert "timeout" not in kit.registered_config(approval.expense_approval)

    @client.create_function(
        fn_id="no-timeout", trigger=inngest.TriggerEvent(event="expense/submitted")
    )
    async def no_timeout(ctx: inngest.Context) -> None:
        await ctx.step.wait_for_event("w", event="expense/decided")  # type: ignore[call-arg]

    run = kit.serve_functions(client, [no_timeout]).run(
        no_timeout, inngest.Event(name="expense/submitted")
    )
    assert run.error["name"] == "TypeError"
    assert "missing 1 required keyword-only argument: 'timeout'" in run.error["message"]


def test_timeout_must_be_at_least_a_second() -> None:
    # A string such as "7d" fails too: the corrections page's test shows it.
    @client.create_function(
        fn_id="bad-timeout", trigger=inngest.TriggerEvent(event="expense/submitted")
    )
    async def bad_timeout(ctx: inngest.Context) -> None:
        await ctx.step.wait_for_event("w", event="expense/decided", timeout=500)

    run = kit.serve_functions(client, [bad_timeout]).run(
        bad_timeout, inngest.Event(name="expense/submitted")
    )
    assert (run.error["name"], run.error["message"]) == (
        "FunctionConfigInvalidError",
        "duration must be at least 1 second",
    )


def test_arguments_after_the_step_id_are_keyword_only() -> None:
    @client.create_function(
        fn_id="positional", trigger=inngest.TriggerEvent(event="expense/submitted")
    )
    async def positional(ctx: inngest.Context) -> None:
        await ctx.step.wait_for_event("w", "expense/decided")  # type: ignore[call-arg]

    run = kit.serve_functions(client, [positional]).run(
        positional, inngest.Event(name="expense/submitted")
    )
    assert run.error["name"] == "TypeError"


def test_string_literals_in_if_exp_need_quotes() -> None:
    awaited = {"data": {"id": "abc"}}
    assert kit.matches("async.data.id == 'abc'", event={}, awaited=awaited)
    with pytest.raises(RuntimeError, match="abc"):
        kit.matches("async.data.id == abc", event={}, awaited=awaited)
