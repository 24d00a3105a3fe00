"""Triggers and expressions: which functions an event starts, what a wait
condition matches, the config the app syncs, the event that starts a function."""

import datetime
import time
from typing import Any

import inngest
import pytest
from pydantic_core import PydanticSerializationError

import inngest_kit as kit

client = inngest.Inngest(app_id="kit-triggers")


def test_matches_evaluates_if_exp() -> None:
    expr = "async.data.id == event.data.id"
    assert kit.matches(expr, event={"data": {"id": 1}}, awaited={"data": {"id": 1}})
    assert not kit.matches(expr, event={"data": {"id": 1}}, awaited={"data": {"id": 2}})


def test_only_a_true_if_exp_matches() -> None:
    # A wait or cancel resumes on `true`, not on a value that merely equals it.
    event: kit.Json = {"data": {}}
    awaited: kit.Json = {"data": {"n": 1}}
    assert kit.evaluate("async.data.n", event=event, awaited=awaited) == 1
    assert not kit.matches("async.data.n", event=event, awaited=awaited)
    assert kit.matches("async.data.n == 1", event=event, awaited=awaited)


# The server's answers for a missing (unknown) field, from inngest/inngest at
# 253303c: pkg/expressions/unknown.go `handleUnknownCall` (== L210-216,
# != L218-225, < and <= L227-232, > and >= L234-239, size L241-250, any other
# call L251-252), pkg/expressions/data.go `Get` (a path through a value that is
# not an object is missing), pkg/expressions/cel.go `eval` (an unknown result
# is false). The trigger has `id`; the reply has `ok`, `name` and `none`.
SERVER_ANSWERS = [
    ("async.data.id == event.data.id", False),  # unknown == 7
    ("async.data.id == 7", False),
    ("async.data.id == null", True),
    ("async.data.id != 7", True),
    ("async.data.id != null", False),
    ("async.data.id == async.data.none", True),  # a field whose value is null
    ("async.data.a == async.data.b", False),  # two unknowns: no null among them
    ("async.data.a != async.data.b", True),
    ("async.data.missing.deeper == null", True),
    ("async.data.ok.at == null", True),  # a field of a bool: Data.Get finds none
    ("async.data.n < 3", True),  # unknown on the left of < and <=: true
    ("async.data.n <= -3", True),
    ("3 < async.data.n", False),
    ("async.data.n > 3", False),  # unknown on the left of > and >=: false
    ("3 >= async.data.n", True),
    ("size(async.data.tags) == 0", True),
    ("async.data.tags.size() == 0", True),
    ("async.data.code.startsWith('A')", False),
    ("!async.data.code.startsWith('A')", True),
    ("async.data.name.contains('a') || async.data.code.endsWith('A')", True),
    ("!async.data.flag", False),
    ("async.data.flag", False),
    ("async.data.flag || async.data.ok", True),
    ("(async.data.flag || async.data.ok) && async.data.flag", False),
    ("event.data.id == 7 && async.data.id == 7", False),
    ("has(async.data.id)", False),
    ("has(async.data.ok) && async.data.ok", True),
    # A missing field of the run's event, against a value.
    ("event.data.plan == 'pro'", False),
    ("event.data.plan != 'pro'", True),
    ("async.data.name == event.data.plan", False),
    ("async.data.none == event.data.plan", True),
]


@pytest.mark.parametrize(("expression", "matched"), SERVER_ANSWERS)
def test_a_missing_field_gets_the_servers_answer(
    expression: str, matched: bool
) -> None:
    trigger = {"name": "kit/start", "data": {"id": 7}}
    awaited = {"name": "kit/reply", "data": {"ok": True, "name": "ann", "none": None}}
    assert kit.matches(expression, event=trigger, awaited=awaited) is matched


@client.create_function(
    fn_id="not-pro-yet",
    trigger=inngest.TriggerEvent(
        event="kit/trial",
        expression="event.data.plan != 'pro' && size(event.data.seats) == 0",
    ),
)
async def not_pro_yet(ctx: inngest.Context) -> None:
    return None


def test_a_trigger_expression_reads_a_missing_field_the_same_way() -> None:
    # A trigger sees the event as data, so the same answers apply to `event`.
    assert kit.triggered_by([not_pro_yet], inngest.Event(name="kit/trial")) == [
        not_pro_yet.id
    ]
    pro = inngest.Event(name="kit/trial", data={"plan": "pro"})
    assert kit.triggered_by([not_pro_yet], pro) == []


@pytest.mark.parametrize(
    "expression",
    [
        "async.data.n + 1 == 2",  # arithmetic
        "async.data.n == 1 + 2",
        "-async.data.n == 1",
        "async.data.flag || true ? true : false",
        "async.data.plan in ['pro', 'team']",
        "int(async.data.n) == 0",  # a call the kit does not model
        "(async.data.flag && true) == false",  # a logical result compared
        "async.data.flag ? true : false",
        "async.data.tags.exists(t, t == 'a')",  # a macro
    ],
)
def test_a_use_of_a_missing_field_the_kit_does_not_model_is_a_kit_error(
    expression: str,
) -> None:
    with pytest.raises(kit.KitError, match=r"pkg/expressions/unknown\.go"):
        kit.matches(expression, event={"data": {}}, awaited={"data": {}})


@pytest.mark.parametrize(
    "expression",
    [
        "event.data.n < 3",  # an order, not == or !=
        "async.data.name == event.data.plan",  # both missing
        "!event.data.flag",
    ],
)
def test_a_missing_event_field_counts_only_against_a_value(expression: str) -> None:
    # The server writes the run's event into a wait's expression when the wait
    # starts (pkg/expressions/residual.go Interpolate), rewriting a missing
    # field in a way that depends on how it parses the expression.
    with pytest.raises(kit.KitError, match=r"residual\.go"):
        kit.matches(expression, event={"data": {}}, awaited={"data": {}})


def test_a_type_error_without_a_missing_field_is_a_kit_error() -> None:
    with pytest.raises(kit.KitError, match="TypeError"):
        kit.matches("async.data.n < 'a'", event={}, awaited={"data": {"n": 1}})


def test_a_field_name_in_a_string_is_text_not_a_field() -> None:
    awaited = {"data": {"note": "async.data.gone == 1"}}
    expression = "async.data.note == 'async.data.gone == 1'"
    assert kit.matches(expression, event={}, awaited=awaited)


def test_an_expression_the_kit_cannot_read_is_left_to_cel() -> None:
    with pytest.raises(ValueError, match="Syntax error"):
        kit.matches("async.data.id == #", event={}, awaited={"data": {}})
    with pytest.raises(ValueError, match="Syntax error"):
        kit.matches("has(async.data.id", event={}, awaited={"data": {}})


def test_a_syntax_error_next_to_a_missing_field_is_still_a_syntax_error() -> None:
    with pytest.raises(ValueError, match="Syntax error"):
        kit.matches("async.data.x == ", event={}, awaited={"data": {}})


def test_evaluate_is_strict_about_missing_fields() -> None:
    # The typo check: what the server reads as unknown, evaluate() refuses.
    with pytest.raises(KeyError):
        kit.evaluate("async.data.idd == 1", event={}, awaited={"data": {"id": 1}})


def test_evaluate_returns_the_value_and_rejects_bad_expressions() -> None:
    event = {"data": {"plan": "pro", "user_id": "u1"}}
    assert kit.evaluate("event.data.user_id", event=event) == "u1"
    assert kit.evaluate("event.data.plan == 'pro' ? 120 : 0", event=event) == 120
    with pytest.raises(ValueError, match="Syntax error"):
        kit.evaluate("event.data.plan ==", event=event)


@client.create_function(
    fn_id="pro-only",
    trigger=[
        inngest.TriggerEvent(event="kit/signed-up", expression="event.data.pro"),
        inngest.TriggerEvent(event="kit/upgraded"),
    ],
)
async def pro_only(ctx: inngest.Context) -> None:
    return None


@client.create_function(fn_id="nightly", trigger=inngest.TriggerCron(cron="0 3 * * *"))
async def nightly(ctx: inngest.Context) -> str:
    return str(ctx.event.data["cron"])


@client.create_function(fn_id="child", trigger=inngest.TriggerEvent(event="kit/child"))
async def child(ctx: inngest.Context) -> None:
    return None


async def _page_someone(ctx: inngest.Context) -> None:
    return None


@client.create_function(
    fn_id="charge",
    trigger=inngest.TriggerEvent(event="kit/charge"),
    on_failure=_page_someone,
)
async def charge(ctx: inngest.Context) -> None:
    return None


def test_triggered_by_matches_names_and_expressions() -> None:
    fns: list[inngest.Function[Any]] = [pro_only, nightly, child]

    def started(name: str, **data: bool) -> list[str]:
        return kit.triggered_by(fns, inngest.Event(name=name, data=data))

    assert started("kit/signed-up", pro=True) == [pro_only.id]
    assert started("kit/signed-up", pro=False) == []
    assert started("kit/signed-up") == []  # a missing field is no match
    assert started("kit/upgraded") == [pro_only.id]
    assert started("kit/child") == [child.id]
    assert started("kit/signed_up", pro=True) == []  # underscore: no trigger
    assert started(kit.CRON_EVENT) == []  # a cron trigger matches no event


def test_triggered_by_compares_names_by_value() -> None:
    name = "".join(["kit/", "child"])  # equal to the trigger, not the same object
    assert kit.triggered_by([child], inngest.Event(name=name)) == [child.id]


@client.create_function(
    fn_id="two-ways",
    trigger=[
        inngest.TriggerEvent(event="kit/two-ways", expression="event.data.n > 0"),
        inngest.TriggerEvent(event="kit/two-ways", expression="event.data.n > 1"),
    ],
)
async def two_ways(ctx: inngest.Context) -> None:
    return None


def test_a_function_two_of_whose_triggers_match_starts_once() -> None:
    event = inngest.Event(name="kit/two-ways", data={"n": 2})
    assert kit.triggered_by([two_ways], event) == [two_ways.id]


def test_triggered_by_starts_an_on_failure_handler_for_its_own_function() -> None:
    # The SDK syncs the handler with a trigger on inngest/function.failed and
    # the expression event.data.function_id == '<its function>'.
    handler = charge.on_failure_fn_id
    assert handler is not None

    def failed(function_id: str) -> list[str]:
        event = inngest.Event(
            name="inngest/function.failed", data={"function_id": function_id}
        )
        return kit.triggered_by([charge, child], event)

    assert failed(charge.id) == [handler]
    assert failed(child.id) == []
    assert kit.triggered_by([charge], inngest.Event(name="kit/charge")) == [charge.id]


@client.create_function(
    fn_id="any-kit-event", trigger=inngest.TriggerEvent(event="kit/*")
)
async def any_kit_event(ctx: inngest.Context) -> None:
    return None


def test_triggered_by_does_not_expand_a_wildcard() -> None:
    # Inngest starts a "kit/*" trigger for kit/child; the kit compares names
    # exactly, as its docstring and the testing-kit page say.
    assert kit.triggered_by([any_kit_event], inngest.Event(name="kit/child")) == []
    assert kit.triggered_by([any_kit_event], inngest.Event(name="kit/*")) == [
        any_kit_event.id
    ]


def test_event_for_names_the_first_event_trigger() -> None:
    event = kit.event_for(pro_only, pro=True)
    assert (event.name, event.data) == ("kit/signed-up", {"pro": True})


def test_event_for_a_cron_function_is_the_servers_timer_event() -> None:
    # pkg/execution/executor/service.go: inngest/scheduled.timer, with the cron
    # expression and the scheduled minute (RFC 3339, UTC) as data and id.
    before = time.time()
    event = kit.event_for(nightly)
    after = time.time()
    assert event.name == "inngest/scheduled.timer" == kit.CRON_EVENT
    assert set(event.data) == {"cron", "scheduledAt", "fireAt"}
    assert event.data["cron"] == "0 3 * * *"
    assert event.id == event.data["scheduledAt"] == event.data["fireAt"]
    minute = datetime.datetime.strptime(event.id, "%Y-%m-%dT%H:%M:%S%z")
    assert minute.second == 0
    assert before - 60 < minute.timestamp() <= after
    assert event.ts == int(minute.timestamp() * 1000)
    assert kit.event_for(nightly, cron="0 4 * * *").data["cron"] == "0 4 * * *"


@client.create_function(
    fn_id="jittered", trigger=inngest.TriggerCron(cron="0 3 * * *", jitter="5m")
)
async def jittered(ctx: inngest.Context) -> None:
    pass


def test_event_for_does_not_model_cron_jitter() -> None:
    # The SDK syncs the jitter, and the server adds it to fireAt and ts
    # (service.go L1053-1080); the kit's event, as its docstring says, does not.
    assert kit.registered_config(jittered)["triggers"] == [
        {"cron": "0 3 * * *", "jitter": "5m"}
    ]
    event = kit.event_for(jittered)
    assert event.data["fireAt"] == event.data["scheduledAt"] == event.id
    minute = datetime.datetime.strptime(event.id, "%Y-%m-%dT%H:%M:%S%z")
    assert event.ts == int(minute.timestamp() * 1000)


def test_a_cron_function_runs_from_its_timer_event() -> None:
    # event_for used to raise KitError for a function with only cron triggers.
    run = kit.serve_functions(client, [nightly]).run(nightly, kit.event_for(nightly))
    assert (run.status, run.output) == ("Completed", "0 3 * * *")
    assert run.event is not None
    assert run.event["name"] == "inngest/scheduled.timer"


def test_the_registered_config_is_the_one_the_app_syncs(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    app = inngest.Inngest(app_id="kit-config")

    @app.create_function(
        fn_id="batched",
        trigger=inngest.TriggerEvent(event="kit/batched"),
        batch_events=inngest.Batch(max_size=10, timeout=datetime.timedelta(seconds=5)),
    )
    async def batched(ctx: inngest.Context) -> None:
        return None

    [synced] = kit.sync(kit.serve_functions(app, [batched]).client, inngest_api)[
        "functions"
    ]
    config = kit.registered_config(batched, app_url="http://testserver")
    assert config == synced
    assert config["batchEvents"] == {"maxSize": 10, "timeout": "5s"}  # the API's names


def test_a_config_the_sdk_cannot_serialize_raises_pydantics_error() -> None:
    app = inngest.Inngest(app_id="kit-config-error")

    @app.create_function(
        fn_id="too-fast",
        trigger=inngest.TriggerEvent(event="kit/too-fast"),
        throttle=inngest.Throttle(limit=1, period=datetime.timedelta(milliseconds=500)),
    )
    async def too_fast(ctx: inngest.Context) -> None:
        return None

    with pytest.raises(PydanticSerializationError) as info:
        kit.registered_config(too_fast)
    message = "FunctionConfigInvalidError: duration must be at least 1 second"
    assert message in str(info.value)
