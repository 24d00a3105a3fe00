import datetime

import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError
from pydantic_core import PydanticSerializationError

import inngest_kit as kit
from snippets.guides.improve import cancellation
from snippets.guides.improve.client import client

IF_EXP = "async.data.account_id == event.data.account_id"
STARTED = inngest.Event(
    name="trial/started",
    data={"account_id": "acc-1", "ends_at": "2030-01-14T09:00:00+00:00"},
)


def test_cancel_is_registered_with_event_condition_and_timeout() -> None:
    config = kit.registered_config(cancellation.trial_nurture)
    assert config["cancel"] == [
        {"event": "billing/subscribed", "if": IF_EXP, "timeout": "30d"}
    ]


def test_the_condition_picks_the_run_of_the_same_account() -> None:
    trigger = {"data": STARTED.data}
    assert kit.matches(IF_EXP, event=trigger, awaited={"data": {"account_id": "acc-1"}})
    assert not kit.matches(
        IF_EXP, event=trigger, awaited={"data": {"account_id": "acc-2"}}
    )


def test_without_a_cancel_event_the_run_sleeps_then_downgrades() -> None:
    run = kit.serve_functions(client, [cancellation.trial_nurture]).run(
        cancellation.trial_nurture, STARTED
    )
    assert run.completed
    assert run.output == "downgraded acc-1"
    sleeps = [(op.step_id, op.name) for op in run.ops if op.op == "Sleep"]
    # The SDK reports each sleep as an absolute UTC wake-up time.
    assert sleeps[1] == ("wait-for-trial-end", "2030-01-14T09:00:00.000Z")
    assert sleeps[0][0] == "wait-a-week"
    woke = datetime.datetime.fromisoformat(str(sleeps[0][1]))
    in_a_week = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=7)
    assert abs(woke - in_a_week) < datetime.timedelta(minutes=1)


def test_a_misspelled_condition_is_dropped_silently() -> None:
    """`Cancel` has no `expression`: the condition vanishes without an error."""
    typo = inngest.Cancel(
        event="billing/subscribed",
        expression=IF_EXP,  # type: ignore[call-arg]
    )
    dumped = typo.model_dump(by_alias=True)
    assert dumped == {"event": "billing/subscribed", "if": None, "timeout": None}


def test_cancel_must_be_a_list() -> None:
    with pytest.raises(
        FunctionConfigInvalidError, match="cancel: Input should be a valid list"
    ):

        @client.create_function(
            fn_id="bad-cancel",
            trigger=inngest.TriggerEvent(event="trial/started"),
            cancel=inngest.Cancel(event="billing/subscribed"),  # type: ignore[arg-type]
        )
        async def bad(ctx: inngest.Context) -> None: ...


def test_a_timeout_under_one_second_fails_when_the_app_syncs() -> None:
    @client.create_function(
        fn_id="short-cancel",
        trigger=inngest.TriggerEvent(event="trial/started"),
        cancel=[
            inngest.Cancel(
                event="billing/subscribed", timeout=datetime.timedelta(milliseconds=10)
            )
        ],
    )
    async def short(ctx: inngest.Context) -> None: ...

    # Accepted at definition; serializing the config for the sync fails.
    with pytest.raises(PydanticSerializationError, match="at least 1 second"):
        kit.registered_config(short)
