import datetime
from typing import Any

import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError

from inngest_kit import registered_config, serve_functions
from snippets.quick_reference import durations
from snippets.quick_reference.client import client
from tests.clock import wake_time

FN = durations.follow_up


def test_timedelta_and_int_milliseconds_are_accepted_and_serialized() -> None:
    assert registered_config(FN)["debounce"] == {"period": "30s"}
    run = serve_functions(client, [FN]).run(
        FN, inngest.Event(name="qr/quote.sent"), waits={"reply": []}
    )
    assert run.output == "no reply"
    assert run.steps("Sleep") == ["short-pause", "three-days"]
    wait = run.ops[-1]
    assert wait.opts == {"if": None, "timeout": "2d"}  # 48 hours on the wire


def test_int_sleeps_are_milliseconds(sdk_now: datetime.datetime) -> None:
    run = serve_functions(client, [FN]).run(
        FN, inngest.Event(name="qr/quote.sent"), waits={"reply": []}
    )
    short, long = (op for op in run.ops if op.op == "Sleep")
    assert wake_time(short.name) - sdk_now == datetime.timedelta(seconds=1.5)  # 1_500
    assert wake_time(long.name) - sdk_now == datetime.timedelta(days=3)


@pytest.mark.parametrize(
    ("model", "kwargs"),
    [
        (inngest.Cancel, {"event": "qr/x", "timeout": "1h"}),
        (inngest.Throttle, {"limit": 1, "period": "1m"}),
        (inngest.RateLimit, {"limit": 1, "period": "1m"}),
        (inngest.Debounce, {"period": "30s"}),
        (inngest.Debounce, {"period": 30_000, "timeout": "10m"}),
        (inngest.Batch, {"max_size": 10, "timeout": "5s"}),
        (inngest.Timeouts, {"start": "5m"}),
        (inngest.Timeouts, {"finish": "1h"}),
    ],
)
def test_option_models_reject_string_durations(
    model: Any, kwargs: dict[str, object]
) -> None:
    with pytest.raises(
        FunctionConfigInvalidError, match="Input should be a valid integer"
    ):
        model(**kwargs)


@pytest.mark.parametrize(
    "retry_after",
    [
        datetime.timedelta(minutes=5),
        300_000,
        datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    ],
)
def test_retry_after_accepts_timedelta_ms_and_datetime(retry_after: Any) -> None:
    err = inngest.RetryAfterError("busy", retry_after)
    assert err.retry_after is not None


def test_the_cron_jitter_is_the_one_duration_written_as_a_string() -> None:
    trigger = inngest.TriggerCron(cron="0 9 * * *", jitter="5m")
    assert trigger.model_dump(exclude_none=True) == {
        "cron": "0 9 * * *",
        "jitter": "5m",
    }
    with pytest.raises(
        FunctionConfigInvalidError, match="jitter: Input should be a valid string"
    ):
        inngest.TriggerCron(cron="0 9 * * *", jitter=300_000)  # type: ignore[arg-type]
