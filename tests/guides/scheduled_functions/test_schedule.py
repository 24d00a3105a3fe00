"""A cron trigger registers its schedule string as written, time zone included;
a run a schedule starts is an ordinary run, and a function with a schedule and
an event tells them apart by the event's name."""

import inngest

import inngest_kit as kit
from snippets.guides.scheduled_functions import schedule
from snippets.guides.scheduled_functions.schedule import client

CRON = "TZ=Europe/Paris 0 9 * * 1-5"


def test_the_time_zone_is_part_of_the_registered_schedule() -> None:
    assert kit.registered_config(schedule.weekday_report)["triggers"] == [
        {"cron": CRON}
    ]


def test_a_scheduled_run_is_an_ordinary_run() -> None:
    # What Inngest sends when the schedule fires (pkg/consts in its source).
    timer = inngest.Event(name="inngest/scheduled.timer", data={"cron": CRON})
    run = kit.serve_functions(client, [schedule.weekday_report]).run(
        schedule.weekday_report, timer
    )
    assert run.steps() == ["build-report"]
    assert run.output == "sales report sent"


def test_a_schedule_and_an_event_both_start_the_function() -> None:
    fn = schedule.sales_report
    assert kit.registered_config(fn)["triggers"] == [
        {"cron": "TZ=Europe/Paris 0 9 * * 1"},
        {"event": "reports/report.requested"},
    ]
    asked = inngest.Event(name="reports/report.requested")
    assert kit.triggered_by([fn], asked) == [fn.id]


def test_the_event_name_tells_a_scheduled_run_from_a_requested_one() -> None:
    fn = schedule.sales_report
    executor = kit.serve_functions(client, [fn])
    timer = inngest.Event(
        name="inngest/scheduled.timer", data={"cron": "TZ=Europe/Paris 0 9 * * 1"}
    )
    asked = inngest.Event(
        name="reports/report.requested", data={"requested_by": "ana@example.com"}
    )
    assert executor.run(fn, timer).output == "report sent to sales-team@example.com"
    assert executor.run(fn, asked).output == "report sent to ana@example.com"
