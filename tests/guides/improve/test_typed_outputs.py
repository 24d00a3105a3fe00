from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import typed_outputs as typed

REQUESTED = inngest.Event(name="shop/quote.requested", data={"sku": "sku-1"})
DUMPED = {"sku": "sku-1", "price_cents": 1299, "valid_until": "2030-01-01T00:00:00Z"}


def test_a_pydantic_model_round_trips_through_the_step_memo() -> None:
    run = kit.serve_functions(typed.typed_client, [typed.quote_order]).run(
        typed.quote_order, REQUESTED
    )
    assert run.completed
    # On the wire the step output is JSON: the model dumped by the serializer...
    (fetch,) = run.ops
    assert fetch.data == DUMPED
    # ...and on replay the function got a Quote back: .model_copy() worked.
    assert run.output == {**DUMPED, "price_cents": 1199}


def _variant(client: inngest.Inngest, *, output_type: object) -> kit.Run:
    """The same function with one of the two settings left out."""

    @client.create_function(
        fn_id="quote-variant",
        trigger=inngest.TriggerEvent(event="shop/quote.requested"),
    )
    async def variant(ctx: inngest.Context) -> Any:
        quote = await ctx.step.run(
            "fetch-quote", typed.fetch_quote, "sku-1", output_type=output_type
        )
        return quote.model_copy().sku

    return kit.serve_functions(client, [variant]).run(variant, REQUESTED)


def test_output_type_without_the_serializer_fails() -> None:
    run = _variant(inngest.Inngest(app_id="no-serializer"), output_type=typed.Quote)
    assert run.status == "Failed"
    assert run.error["code"] == "output_unserializable"
    assert run.error["name"] == "OutputUnserializableError"
    assert run.error["message"] == '"fetch-quote" returned unserializable data'


def test_the_serializer_without_output_type_replays_a_dict() -> None:
    client = inngest.Inngest(
        app_id="no-output-type", serializer=inngest.PydanticSerializer()
    )
    run = _variant(client, output_type=inngest.JSON)
    assert run.status == "Failed"
    assert run.error["name"] == "AttributeError"
    assert "'dict' object has no attribute 'model_copy'" in run.error["message"]


def test_the_serializer_without_output_type_is_not_applied() -> None:
    """No output_type: the client's serializer is skipped, the model is not JSON."""
    client = inngest.Inngest(
        app_id="no-output-type", serializer=inngest.PydanticSerializer()
    )

    @client.create_function(
        fn_id="quote-untyped",
        trigger=inngest.TriggerEvent(event="shop/quote.requested"),
    )
    async def untyped(ctx: inngest.Context) -> Any:
        return await ctx.step.run("fetch-quote", typed.fetch_quote, "sku-1")

    run = kit.serve_functions(client, [untyped]).run(untyped, REQUESTED)
    assert run.status == "Failed"
    assert run.error == {
        "code": "output_unserializable",
        "message": '"fetch-quote" returned unserializable data',
        "name": "OutputUnserializableError",
    }
    assert run.steps("StepRun") == []  # never a plain dict: no result was stored


@pytest.fixture(autouse=True)
def _quiet_sdk_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("CRITICAL", logger="inngest")
