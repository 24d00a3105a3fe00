"""Option names, dropped fields, functions missing from serve(), wait filters, names."""

import asyncio
import json
import logging
import traceback

import inngest
import pydantic
import pytest
from inngest._internal import errors as inngest_errors
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite import paths
from snippets.guides.debug import config_errors as c
from snippets.guides.debug.app import client
from tests.guides.debug.messages import lines, message

LEAD = inngest.Event(name="debug/lead.created", data={"lead_id": "lead-42"})
REPLY = inngest.Event(name="debug/reply.received", data={"lead_id": "lead-42"})


def test_a_misspelled_keyword_fails_at_decoration() -> None:
    with pytest.raises(TypeError) as info:
        c.register_with_typo()
    assert f"TypeError: {info.value}" == message("unexpected-keyword")


def test_an_unknown_model_field_is_dropped_silently() -> None:
    registered = kit.registered_config(c.pro_welcome)["triggers"]
    assert f'"triggers": {json.dumps(registered)}' == message("dropped-field")
    # So the function starts for every plan, not only "pro".
    free = inngest.Event(name="debug/signed-up", data={"plan": "free"})
    assert kit.triggered_by([c.pro_welcome], free) == [c.pro_welcome.id]
    run = kit.serve_functions(client, [c.pro_welcome]).run(c.pro_welcome, free)
    assert run.output == "welcome, pro user"  # for a free user


def test_expression_filters_the_trigger() -> None:
    [trigger] = kit.registered_config(c.pro_welcome_fixed)["triggers"]
    assert trigger == {
        "event": "debug/signed-up",
        "expression": "event.data.plan == 'pro'",
    }
    free = inngest.Event(name="debug/signed-up", data={"plan": "free"})
    pro = inngest.Event(name="debug/signed-up", data={"plan": "pro"})
    assert kit.triggered_by([c.pro_welcome_fixed], free) == []
    assert kit.triggered_by([c.pro_welcome_fixed], pro) == [c.pro_welcome_fixed.id]
    executor = kit.serve_functions(client, [c.pro_welcome_fixed])
    assert executor.run(c.pro_welcome_fixed, pro).output == "welcome, pro user"


def test_a_function_missing_from_serve_is_not_found(
    inngest_api: kit.FakeInngestAPI, caplog: pytest.LogCaptureFixture
) -> None:
    test_client = TestClient(c.app)
    synced = kit.sync(test_client, inngest_api)
    assert [f["id"] for f in synced["functions"]] == ["debug-guide-send-receipt"]
    assert test_client.get("/api/inngest").json()["function_count"] == 1
    run = kit.Executor(test_client, []).run(
        c.send_invoice, inngest.Event(name="debug/order.paid")
    )
    assert run.last_status_code == 500
    assert run.error["name"] == "FunctionNotFoundError"
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert logged[-1] == message("function-not-found")
    # The fix: list both functions.
    both = kit.serve_functions(client, [c.send_receipt, c.send_invoice])
    paid = inngest.Event(name="debug/order.paid")
    assert both.run(c.send_invoice, paid).output == "invoice sent"
    assert both.run(c.send_receipt, paid).output == "receipt sent"


def test_an_unquoted_id_in_if_exp_never_matches() -> None:
    executor = kit.serve_functions(client, [c.await_reply_unquoted])
    with pytest.raises(RuntimeError, match="Undefined variable or function: 'lead'"):
        executor.run(c.await_reply_unquoted, LEAD, waits={"await-reply": [REPLY]})
    # What the SDK sent to the server: the id pasted in without quotes.
    run = executor.run(c.await_reply_unquoted, LEAD, waits={"await-reply": []})
    [wait] = run.ops
    assert f'"if": "{wait.opts["if"]}"' == message("if-exp")


def test_a_wrong_field_in_if_exp_never_matches() -> None:
    executor = kit.serve_functions(client, [c.await_reply_wrong_field])
    # The reply arrives, but has no `leadId`: as on the server, no match.
    run = executor.run(c.await_reply_wrong_field, LEAD, waits={"await-reply": [REPLY]})
    assert run.output is False
    # kit.evaluate is the strict check that names the field.
    [wait] = run.ops
    with pytest.raises(KeyError, match="leadId"):
        kit.evaluate(wait.opts["if"], event=run.event, awaited=REPLY.model_dump())


def test_the_right_if_exp_matches_the_reply() -> None:
    executor = kit.serve_functions(client, [c.await_reply])
    assert executor.run(c.await_reply, LEAD, waits={"await-reply": [REPLY]}).output
    other = inngest.Event(name="debug/reply.received", data={"lead_id": "lead-7"})
    assert not executor.run(c.await_reply, LEAD, waits={"await-reply": [other]}).output
    quoted = c.reply_filter("lead-42")
    assert quoted == 'async.data.lead_id == "lead-42"'
    assert kit.matches(quoted, event={}, awaited={"data": {"lead_id": "lead-42"}})


def test_an_event_name_that_matches_no_trigger_is_sent_anyway(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    ids = asyncio.run(c.place_order())
    assert len(ids) == 1  # accepted: no error anywhere
    assert inngest_api.event_names() == ["shop/order-placed"]
    sent = inngest.Event(name="shop/order-placed")
    assert kit.triggered_by([c.fulfil_order], sent) == []
    placed = inngest.Event(name="shop/order.placed")
    assert kit.triggered_by([c.fulfil_order], placed) == [c.fulfil_order.id]
    run = kit.serve_functions(client, [c.fulfil_order]).run(c.fulfil_order, placed)
    assert run.output == "fulfilled"


@pytest.mark.parametrize(
    "fn", [c.await_reply_unquoted, c.await_reply_wrong_field, c.await_reply]
)
def test_each_wait_gives_up_after_7_days_and_returns_false(
    fn: inngest.Function[bool],
) -> None:
    run = kit.serve_functions(client, [fn]).run(fn, LEAD, waits={"await-reply": []})
    [wait] = run.ops
    assert (wait.op, wait.opts["timeout"]) == ("WaitForEvent", "1w")  # 7 days
    assert run.output is False


PAGE = (paths.DOCS / "guides" / "debug.md").read_text()


def test_a_timezone_keyword_is_dropped_so_the_schedule_is_utc() -> None:
    assert '`TriggerCron(cron="0 9 * * *", timezone="Europe/Paris")`' in PAGE
    trigger = inngest.TriggerCron(cron="0 9 * * *", timezone="Europe/Paris")  # type: ignore[call-arg]

    @client.create_function(fn_id="morning-digest", trigger=trigger)
    async def morning_digest(ctx: inngest.Context) -> str:
        return "digest sent"

    registered = kit.registered_config(morning_digest)["triggers"]
    assert f'"triggers": {json.dumps(registered)}' == message("cron-timezone")
    assert "timezone" not in inngest.TriggerCron.model_fields


def test_the_sdk_registers_any_cron_text_as_written() -> None:
    assert '`TriggerCron(cron="every day at 18:00")`' in " ".join(PAGE.split())
    trigger = inngest.TriggerCron(cron="every day at 18:00")
    assert trigger.model_dump(exclude_none=True) == {"cron": "every day at 18:00"}


def test_a_duplicate_fn_id_keeps_the_last_function_only(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    test_client = TestClient(c.duplicate_app)
    count = test_client.get("/api/inngest").json()["function_count"]
    [synced] = kit.sync(test_client, inngest_api)["functions"]
    assert synced["id"] == "debug-guide-notify-customer"
    shown = [
        f'"function_count": {count}',
        f'"triggers": {json.dumps(synced["triggers"])}',
    ]
    assert shown == message("duplicate-fn-id").splitlines()
    # No error at decoration, at serve() or at sync: the first one is gone.
    # A request for the id runs the last function, whichever was meant.
    paid = inngest.Event(name="debug/order.paid")
    run = kit.Executor(test_client, []).run(c.email_customer, paid)
    assert run.output == "text sent"
    # Alone (with an id of its own), the first function runs.
    alone = kit.serve_functions(client, [c.email_customer])
    assert alone.run(c.email_customer, paid).output == "email sent"


def test_serving_no_functions_fails_the_sync(
    caplog: pytest.LogCaptureFixture,
) -> None:
    test_client = TestClient(c.empty_app)
    # The endpoint answers a GET: only the sync fails.
    assert test_client.get("/api/inngest").json()["function_count"] == 0
    res = test_client.put("/api/inngest")
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    shown = [logged[-1], f"{res.status_code} {res.text}"]
    assert shown == message("no-functions").splitlines()


def test_a_sync_on_failure_handler_fails_at_decoration() -> None:
    with pytest.raises(Exception) as info:  # noqa: PT011 (the class is private)
        c.register_charge_card()
    assert type(info.value) is inngest_errors.Error
    first = traceback.format_exception_only(info.value)[-1].rstrip()

    # The other way round (a sync function, an async handler) fails as well.
    async def page_async(ctx: inngest.Context) -> None:
        """Page the on-call engineer."""

    with pytest.raises(inngest_errors.Error) as other:

        @client.create_function(
            fn_id="charge-card-sync",
            trigger=inngest.TriggerEvent(event="debug/order.placed"),
            on_failure=page_async,
        )
        def charge_card_sync(ctx: inngest.ContextSync) -> None:
            """Charge the customer's card."""

    second = traceback.format_exception_only(other.value)[-1].rstrip()
    assert [first, second] == lines("sync-on-failure")


def _last_line(err: BaseException) -> str:
    return traceback.format_exception_only(err)[-1].rstrip()


def test_a_missing_required_field_fails_at_decoration() -> None:
    with pytest.raises(inngest_errors.FunctionConfigInvalidError) as info:
        c.register_refund()
    # `name=` is dropped like any unknown field, so `event` is missing.
    assert _last_line(info.value) == lines("field-required")[0]
    # Once the trigger is fixed, the concurrency limit is the next one missing.
    with pytest.raises(inngest_errors.FunctionConfigInvalidError) as info:
        inngest.Concurrency(key="event.data.customer_id")  # type: ignore[call-arg]
    assert _last_line(info.value) == lines("field-required")[1]


def test_a_value_outside_the_allowed_ones_is_refused() -> None:
    assert '`Concurrency(limit=5, scope="function")`' in PAGE
    with pytest.raises(inngest_errors.FunctionConfigInvalidError) as info:
        inngest.Concurrency(limit=5, scope="function")  # type: ignore[arg-type]
    assert _last_line(info.value) == lines("field-required")[2]


def test_the_message_names_only_the_first_field_that_failed() -> None:
    with pytest.raises(inngest_errors.FunctionConfigInvalidError) as info:
        inngest.Throttle()  # type: ignore[call-arg]
    assert str(info.value) == "limit: Field required"  # `period` is missing too


def test_the_page_lists_the_required_fields_of_each_option_model() -> None:
    models: list[type[pydantic.BaseModel]] = [
        inngest.TriggerEvent,
        inngest.TriggerCron,
        inngest.Cancel,
        inngest.Concurrency,
        inngest.Throttle,
        inngest.RateLimit,
        inngest.Debounce,
        inngest.Batch,
        inngest.Singleton,
        inngest.Priority,
    ]
    listed = ", ".join(
        f"`{model.__name__}("
        + ", ".join(f"{f}=" for f, i in model.model_fields.items() if i.is_required())
        + ")`"
        for model in models
    )
    assert f"required fields: {listed}" in " ".join(PAGE.split())
    assert [
        f for f, i in inngest.Timeouts.model_fields.items() if i.is_required()
    ] == []


def test_the_required_fields_register(inngest_api: kit.FakeInngestAPI) -> None:
    fn = c.refund_fixed
    executor = kit.serve_functions(client, [fn])
    [registered] = kit.sync(executor.client, inngest_api)["functions"]
    assert registered["triggers"] == [{"event": "debug/refund.requested"}]
    assert registered["concurrency"] == [{"key": "event.data.customer_id", "limit": 1}]
    run = executor.run(fn, inngest.Event(name="debug/refund.requested"))
    assert run.output == "refunded"
