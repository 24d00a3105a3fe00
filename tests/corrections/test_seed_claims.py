"""Seed claims that no snippet of the debug guide covers (docs/corrections.md)."""

import datetime
from collections.abc import Callable

import inngest
import pytest

import inngest_kit as kit

client = inngest.Inngest(app_id="corrections")


@pytest.mark.parametrize(
    "build",
    [
        lambda: inngest.Cancel(event="c/cancel", timeout="1h"),  # type: ignore[arg-type]
        lambda: inngest.Debounce(period="5s"),  # type: ignore[arg-type]
        lambda: inngest.Throttle(limit=1, period="1m"),  # type: ignore[arg-type]
    ],
    ids=["Cancel.timeout", "Debounce.period", "Throttle.period"],
)
def test_no_duration_field_accepts_a_string(build: Callable[[], object]) -> None:
    with pytest.raises(Exception, match="Input should be a valid integer") as info:
        build()
    assert type(info.value).__name__ == "FunctionConfigInvalidError"


def test_timedelta_durations_are_accepted() -> None:
    assert inngest.Cancel(event="c/cancel", timeout=datetime.timedelta(hours=1))


@client.create_function(
    fn_id="string-timeout", trigger=inngest.TriggerEvent(event="c/wait"), retries=0
)
async def string_timeout(ctx: inngest.Context) -> None:
    await ctx.step.wait_for_event("w", event="c/reply", timeout="7d")  # type: ignore[arg-type]


def test_wait_for_event_rejects_a_string_timeout() -> None:
    run = kit.serve_functions(client, [string_timeout]).run(
        string_timeout, inngest.Event(name="c/wait")
    )
    assert run.error["name"] == "TypeError"
    assert (
        run.error["message"] == "'<' not supported between instances of 'str' and 'int'"
    )


@client.create_function(
    fn_id="limits",
    trigger=inngest.TriggerEvent(event="c/limits"),
    concurrency=[inngest.Concurrency(limit=10, key="event.data.user_id")],
    rate_limit=inngest.RateLimit(limit=10, period=datetime.timedelta(minutes=1)),
)
async def limits(ctx: inngest.Context) -> None:
    return None


def test_concurrency_is_not_rate_limiting() -> None:
    config = kit.registered_config(limits)
    assert config["concurrency"] == [{"limit": 10, "key": "event.data.user_id"}]
    assert config["rateLimit"] == {"limit": 10, "period": "1m"}


def test_send_returns_a_list_of_event_ids(inngest_api: kit.FakeInngestAPI) -> None:
    ids = client.send_sync([inngest.Event(name="c/a"), inngest.Event(name="c/b")])
    assert isinstance(ids, list)
    assert len(ids) == 2
    assert inngest_api.event_names() == ["c/a", "c/b"]
