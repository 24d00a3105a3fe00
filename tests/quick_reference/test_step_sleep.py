import datetime

import inngest

from inngest_kit import serve_functions
from snippets.quick_reference import step_sleep
from snippets.quick_reference.client import client


def _wake_time(iso: str | None) -> datetime.datetime:
    assert iso is not None
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))


def test_sleep_takes_a_timedelta_or_milliseconds() -> None:
    before = datetime.datetime.now(datetime.UTC)
    run = serve_functions(client, [step_sleep.send_reminder]).run(
        step_sleep.send_reminder, inngest.Event(name="qr/trial.started")
    )
    after = datetime.datetime.now(datetime.UTC)
    assert run.output == "reminded"
    sleeps = [op for op in run.ops if op.op == "Sleep"]
    assert [op.step_id for op in sleeps] == ["wait-a-day", "and-a-minute"]
    # The SDK reports an absolute wake-up time; the server resumes the run then.
    day = _wake_time(sleeps[0].name) - before
    minute = _wake_time(sleeps[1].name) - before
    assert datetime.timedelta(hours=24) <= day < datetime.timedelta(hours=24, seconds=5)
    assert datetime.timedelta(seconds=59) <= minute < datetime.timedelta(seconds=65)
    # 60_000 ms is exactly a minute (the wake-up time is in whole ms).
    ms = datetime.timedelta(milliseconds=1)
    wake = _wake_time(sleeps[1].name)
    assert before + datetime.timedelta(minutes=1) - ms <= wake
    assert wake <= after + datetime.timedelta(minutes=1)


def test_sleep_until_takes_a_datetime() -> None:
    when = "2030-01-01T09:00:00+00:00"
    run = serve_functions(client, [step_sleep.renewal_notice]).run(
        step_sleep.renewal_notice,
        inngest.Event(name="qr/subscription.created", data={"renews_at": when}),
    )
    assert run.output == "notified"
    assert run.ops[0].op == "Sleep"
    assert _wake_time(run.ops[0].name) == datetime.datetime.fromisoformat(when)


def test_sleep_until_rejects_a_string_at_run_time() -> None:
    run = serve_functions(client, [step_sleep.renewal_notice]).run(
        step_sleep.renewal_notice,
        inngest.Event(name="qr/subscription.created", data={"renews_at": "soon"}),
    )
    # Our snippet parses first, so a bad string fails in fromisoformat...
    assert run.error["name"] == "ValueError"

    @client.create_function(
        fn_id="until-str", trigger=inngest.TriggerEvent(event="qr/u")
    )
    async def until_str(ctx: inngest.Context) -> None:
        await ctx.step.sleep_until("later", "2030-01-01T00:00:00Z")  # type: ignore[arg-type]

    # ... and an unparsed string fails inside the SDK.
    run = serve_functions(client, [until_str]).run(
        until_str, inngest.Event(name="qr/u")
    )
    assert (run.error["name"], run.error["message"]) == (
        "AttributeError",
        "'str' object has no attribute 'astimezone'",
    )
