"""A cron trigger registers its schedule string as written, time zone included."""

import inngest

import inngest_kit as kit
from snippets.guides.improve import schedule
from snippets.guides.improve.client import client

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
