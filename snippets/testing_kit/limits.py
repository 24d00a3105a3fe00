"""Where each approach falls short, each limit shown by a test.

tests/testing_kit/test_limits.py collects and runs the `test_*` functions.
"""

import datetime
import gc

import inngest
import pytest
from inngest.experimental import mocked

import inngest_kit as kit

client = inngest.Inngest(app_id="limits")
mock_client = mocked.Inngest(app_id="limits", is_production=False)


async def created_at() -> datetime.datetime:
    return datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)


@client.create_function(
    fn_id="returns-datetime",
    trigger=inngest.TriggerEvent(event="limits/datetime"),
    retries=0,
)
async def returns_datetime(ctx: inngest.Context) -> str:
    return (await ctx.step.run("created-at", created_at)).isoformat()


@client.create_function(
    fn_id="sends",
    trigger=inngest.TriggerEvent(event="limits/sends"),
)
async def sends(ctx: inngest.Context) -> list[str]:
    return await ctx.step.send_event("notify", inngest.Event(name="limits/notified"))


calls: list[str] = []


@client.create_function(
    fn_id="refuses",
    trigger=inngest.TriggerEvent(event="limits/refuses"),
)
async def refuses(ctx: inngest.Context) -> None:
    calls.append("refuses")
    raise inngest.NonRetriableError("invalid order")


# --8<-- [start:mocked-limits]
def test_mocked_skips_json_serialization() -> None:
    event = inngest.Event(name="limits/datetime")
    with kit.event_loop():
        mocked_result = mocked.trigger(returns_datetime, event, mock_client)
    assert mocked_result.status is mocked.Status.COMPLETED  # passes in mocked...
    run = kit.serve_functions(client, [returns_datetime]).run(returns_datetime, event)
    assert run.error["name"] == "OutputUnserializableError"  # ...fails for real


def test_mocked_send_returns_placeholder_ids() -> None:
    with kit.event_loop():
        result = mocked.trigger(sends, inngest.Event(name="limits/sends"), mock_client)
    # Nothing is sent; one Event is iterated field by field: 4 fake ids.
    assert result.output == ["00000000000000000000000000"] * 4


def test_mocked_retries_a_non_retriable_error() -> None:
    calls.clear()
    with kit.event_loop():
        result = mocked.trigger(
            refuses, inngest.Event(name="limits/refuses"), mock_client
        )
    assert result.status is mocked.Status.FAILED
    assert len(calls) == 5  # the serve handler says "no retry": 1 call
    calls.clear()
    run = kit.serve_functions(client, [refuses]).run(
        refuses, inngest.Event(name="limits/refuses")
    )
    assert (run.requests, len(calls)) == (1, 1)


def test_mocked_needs_a_sync_test() -> None:
    async def inside_a_running_loop() -> None:
        mocked.trigger(refuses, inngest.Event(name="limits/refuses"), mock_client)

    with kit.event_loop() as loop, pytest.raises(RuntimeError, match="already running"):
        loop.run_until_complete(inside_a_running_loop())
    # The function's coroutine was created but never run.
    with pytest.warns(RuntimeWarning, match="'Function.call' was never awaited"):
        gc.collect()


# --8<-- [end:mocked-limits]


@client.create_function(
    fn_id="one-at-a-time",
    trigger=inngest.TriggerEvent(event="limits/one-at-a-time"),
    concurrency=[inngest.Concurrency(limit=1, key="event.data.user_id")],
)
async def one_at_a_time(ctx: inngest.Context) -> str:
    await ctx.step.sleep("cool-off", datetime.timedelta(days=30))
    return "done"


# --8<-- [start:replay-limits]
def test_replay_does_not_enforce_flow_control() -> None:
    config = kit.registered_config(one_at_a_time)
    assert config["concurrency"] == [{"limit": 1, "key": "event.data.user_id"}]
    executor = kit.serve_functions(client, [one_at_a_time])
    event = inngest.Event(name="limits/one-at-a-time", data={"user_id": "u1"})
    runs = [executor.run(one_at_a_time, event) for _ in range(2)]
    assert all(run.completed for run in runs)  # both ran: no limit applied


def test_replay_does_not_wait_for_timers() -> None:
    executor = kit.serve_functions(client, [one_at_a_time])
    event = inngest.Event(name="limits/one-at-a-time", data={"user_id": "u1"})
    run = executor.run(one_at_a_time, event)
    assert run.steps("Sleep") == ["cool-off"]  # a 30-day sleep, done at once


# --8<-- [end:replay-limits]
