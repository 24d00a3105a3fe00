import inngest
import pytest

from snippets.quick_reference import output_type
from snippets.testing_kit.kit import serve_functions

EVENT = inngest.Event(name="qr/quote.requested")


def test_models_round_trip_through_the_memo() -> None:
    run = serve_functions(output_type.typed_client, [output_type.quote]).run(
        output_type.quote, EVENT
    )
    # The step output was stored as JSON and turned back into a Quote on replay
    # (the function asserts isinstance), and the function output is JSON again.
    assert run.completed
    assert run.output == {"sku": "sku-1", "cents": 1999}


def test_without_a_serializer_a_model_is_unserializable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = inngest.Inngest(app_id="quick-reference-plain")

    @plain.create_function(
        fn_id="quote", trigger=inngest.TriggerEvent(event=EVENT.name)
    )
    async def quote(ctx: inngest.Context) -> object:
        return await ctx.step.run("price", output_type.price, "sku-1")

    run = serve_functions(plain, [quote]).run(quote, EVENT)
    assert run.status == "Failed"
    assert run.error["name"] == "OutputUnserializableError"
    assert run.error["message"] == '"price" returned unserializable data'
