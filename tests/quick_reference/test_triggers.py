import inngest
import pytest

from inngest_kit import evaluate, registered_config, serve_functions
from snippets.quick_reference import triggers
from snippets.quick_reference.client import client


def test_event_trigger() -> None:
    assert registered_config(triggers.on_signup)["triggers"] == [
        {"event": "qr/user.signed-up"}
    ]
    run = serve_functions(client, [triggers.on_signup]).run(
        triggers.on_signup,
        inngest.Event(name="qr/user.signed-up", data={"email": "a@x.io"}),
    )
    assert run.output == "a@x.io"


def test_cron_trigger_with_time_zone() -> None:
    assert registered_config(triggers.nightly_report)["triggers"] == [
        {"cron": "TZ=Europe/Paris 0 2 * * *"}
    ]
    run = serve_functions(client, [triggers.nightly_report]).run(
        triggers.nightly_report, inngest.Event(name="inngest/scheduled.timer")
    )
    assert run.output == "report sent"


def test_several_triggers_are_one_list() -> None:
    assert registered_config(triggers.sync_crm)["triggers"] == [
        {"event": "qr/contact.created"},
        {"event": "qr/contact.updated"},
        {"cron": "0 * * * *"},
    ]
    executor = serve_functions(client, [triggers.sync_crm])
    for name in ("qr/contact.created", "qr/contact.updated"):
        assert executor.run(triggers.sync_crm, inngest.Event(name=name)).output == name


def test_expression_filters_events() -> None:
    trigger = registered_config(triggers.upgrade_welcome)["triggers"][0]
    assert trigger == {
        "event": "qr/plan.changed",
        "expression": "event.data.plan == 'pro'",
    }
    expression = trigger["expression"]
    assert evaluate(expression, event={"data": {"plan": "pro"}}) is True
    assert evaluate(expression, event={"data": {"plan": "free"}}) is False
    run = serve_functions(client, [triggers.upgrade_welcome]).run(
        triggers.upgrade_welcome,
        inngest.Event(name="qr/plan.changed", data={"plan": "pro"}),
    )
    assert run.output == "welcome to pro"


def test_a_misspelled_field_is_silently_dropped() -> None:
    # TriggerEvent has `expression`, not `if_exp`. The wrong name raises nothing:
    # the filter is dropped and the function would run for every event.
    trigger = inngest.TriggerEvent(
        event="qr/plan.changed", if_exp="event.data.plan == 'pro'"
    )  # type: ignore[call-arg]
    assert trigger.expression is None


def test_positional_arguments_are_rejected() -> None:
    with pytest.raises(TypeError, match="takes 1 positional argument"):
        inngest.TriggerEvent("qr/plan.changed")  # type: ignore[call-arg]
