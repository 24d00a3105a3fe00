import datetime

import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError
from pydantic_core import PydanticSerializationError

from snippets.quick_reference import cancel
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import matches, registered_config, serve_functions


def test_registered_cancel_config() -> None:
    assert registered_config(cancel.onboarding_drip)["cancel"] == [
        {
            "event": "qr/user.deleted",
            "if": "async.data.user_id == event.data.user_id",
            "timeout": "30d",
        }
    ]


def test_cancel_expression_matches_the_same_user_only() -> None:
    expr = registered_config(cancel.onboarding_drip)["cancel"][0]["if"]
    signup = {"data": {"user_id": "u1"}}
    assert matches(expr, event=signup, awaited={"data": {"user_id": "u1"}})
    assert not matches(expr, event=signup, awaited={"data": {"user_id": "u2"}})


def test_the_run_sleeps_where_a_cancel_event_can_stop_it() -> None:
    before = datetime.datetime.now(datetime.UTC)
    run = serve_functions(client, [cancel.onboarding_drip]).run(
        cancel.onboarding_drip,
        inngest.Event(name="qr/user.signed-up", data={"user_id": "u1"}),
    )
    after = datetime.datetime.now(datetime.UTC)
    assert run.steps("Sleep") == ["day-1", "day-7"]
    # Each sleep's wake-up time (whole ms): 1 day, then 6 more (day 7).
    ms = datetime.timedelta(milliseconds=1)
    for op, days in zip(run.ops, (1, 6), strict=True):
        assert op.name is not None
        wake = datetime.datetime.fromisoformat(op.name.replace("Z", "+00:00"))
        span = datetime.timedelta(days=days)
        assert before + span - ms <= wake <= after + span


def test_cancel_must_be_a_list() -> None:
    with pytest.raises(
        FunctionConfigInvalidError, match="cancel: Input should be a valid list"
    ):

        @client.create_function(
            fn_id="bad-cancel",
            trigger=inngest.TriggerEvent(event="qr/x"),
            cancel=inngest.Cancel(event="qr/y"),  # type: ignore[arg-type]
        )
        async def bad(ctx: inngest.Context) -> None: ...


def test_a_misspelled_if_exp_is_dropped_so_every_cancel_event_matches() -> None:
    wrong = inngest.Cancel(event="qr/user.deleted", expression="async.data.x == 1")  # type: ignore[call-arg]
    assert wrong.if_exp is None


def test_a_timeout_under_one_second_fails_when_the_app_syncs() -> None:
    @client.create_function(
        fn_id="short-cancel",
        trigger=inngest.TriggerEvent(event="qr/x"),
        cancel=[
            inngest.Cancel(event="qr/y", timeout=datetime.timedelta(milliseconds=10))
        ],
    )
    async def short(ctx: inngest.Context) -> None: ...

    # Accepted at definition; serializing the config for the sync fails.
    with pytest.raises(PydanticSerializationError, match="at least 1 second"):
        registered_config(short)
