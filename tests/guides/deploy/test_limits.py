"""Platform limits: the SDK checks none of them; what it does check."""

import asyncio
import datetime
import json

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.deploy import limits
from tests.clock import wake_time

MB = 1024 * 1024


def test_a_step_output_over_4_mb_is_sent_without_a_check() -> None:
    client = inngest.Inngest(app_id="shop")
    [export_orders] = limits.export_functions(client)
    executor = kit.serve_functions(client, [export_orders])
    event = inngest.Event(name="shop/export.requested")
    status, _, payload = executor.post(export_orders.id, kit.request_body(event))
    assert status == 206
    size = len(json.dumps(payload[0]["data"]))
    assert size > 4 * MB  # the limit: 4 MB
    assert size == 5_200_000  # 5 MB of JSON: 50 000 strings of 100 characters
    # The SDK has no limit of its own: with the rows stored, the function returns.
    stored = {kit.hashed_step_id("load"): {"data": payload[0]["data"]}}
    body = kit.request_body(event, steps=stored)
    assert executor.post(export_orders.id, body)[::2] == (200, 50_000)
    # The server refuses the 5 MB step output; so does the testing kit.
    run = executor.run(export_orders, event)
    assert run.status == "Failed"
    assert run.error["message"].endswith("step output size is greater than the limit")


def test_5001_events_in_one_send_are_one_request(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    client = inngest.Inngest(app_id="shop")
    events = [inngest.Event(name="shop/ping") for _ in range(5001)]
    asyncio.run(client.send(events))
    assert len(inngest_api.event_keys) == 1  # one request: over the 5000 limit
    assert len(inngest_api.events) == 5001


def test_chunked_sends_stay_under_the_limit(inngest_api: kit.FakeInngestAPI) -> None:
    client = inngest.Inngest(app_id="shop")
    events = [inngest.Event(name="shop/ping") for _ in range(5001)]
    ids = asyncio.run(limits.send_in_chunks(client, events))
    assert len(ids) == 5001
    assert len(inngest_api.event_keys) == 2  # 5000 + 1


def test_a_chunk_is_the_full_5000(inngest_api: kit.FakeInngestAPI) -> None:
    client = inngest.Inngest(app_id="shop")
    events = [inngest.Event(name="shop/ping") for _ in range(10_000)]
    ids = asyncio.run(limits.send_in_chunks(client, events))
    assert len(ids) == 10_000
    assert len(inngest_api.event_keys) == 2  # 5000 + 5000, not three smaller ones


def test_an_event_over_256_kb_is_sent_without_a_check(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    client = inngest.Inngest(app_id="shop")
    big = inngest.Event(name="shop/import", data={"csv": "x" * (300 * 1024)})
    asyncio.run(client.send(big))
    assert len(json.dumps(inngest_api.events[0])) > 300 * 1024


def test_a_batch_of_1000_and_a_400_day_sleep_are_accepted(
    sdk_now: datetime.datetime,
) -> None:
    client = inngest.Inngest(app_id="shop")
    [renewal] = limits.renewal_functions(client)
    config = kit.registered_config(renewal)
    assert config["batchEvents"] == {"maxSize": 1000, "timeout": "1m"}
    event = inngest.Event(name="shop/subscription.started")
    run = kit.serve_functions(client, [renewal]).run(renewal, [event])
    [sleep] = run.ops
    assert sleep.op == "Sleep"
    # The wake-up time: over Inngest's one-year maximum.
    assert wake_time(sleep.name) - sdk_now == datetime.timedelta(days=400)


def test_durations_in_options_must_be_whole_seconds() -> None:
    client = inngest.Inngest(app_id="shop")
    fn = client.create_function(
        fn_id="debounced",
        trigger=inngest.TriggerEvent(event="shop/x"),
        debounce=inngest.Debounce(period=datetime.timedelta(milliseconds=500)),
    )(_noop)
    with pytest.raises(Exception, match="duration must be at least 1 second"):
        kit.registered_config(fn)


async def _noop(ctx: inngest.Context) -> None:
    return None
