import inngest

from inngest_kit import serve_functions
from snippets.quick_reference import step_run_kwargs
from snippets.quick_reference.client import client

FN = step_run_kwargs.step_run_kwargs
EVENT = inngest.Event(name="qr/step-run.kwargs")


def test_keyword_arguments_go_through_partial() -> None:
    assert serve_functions(client, [FN]).run(FN, EVENT).output == "Hello, Ada?"


def test_keyword_arguments_are_not_forwarded_by_step_run() -> None:
    @client.create_function(
        fn_id="kwargs-wrong", trigger=inngest.TriggerEvent(event="qr/kw")
    )
    async def wrong(ctx: inngest.Context) -> str:
        return await ctx.step.run("greet", step_run_kwargs.greet, name="Ada")  # type: ignore[call-arg, arg-type]

    run = serve_functions(client, [wrong]).run(wrong, inngest.Event(name="qr/kw"))
    assert run.error["name"] == "TypeError"
    assert "unexpected keyword argument 'name'" in run.error["message"]


def test_sync_handlers_run_too() -> None:
    def sync_add() -> int:
        return 2

    @client.create_function(
        fn_id="sync-handler", trigger=inngest.TriggerEvent(event="qr/sh")
    )
    async def uses_sync(ctx: inngest.Context) -> int:
        return await ctx.step.run("add", sync_add)  # type: ignore[arg-type]

    assert (
        serve_functions(client, [uses_sync])
        .run(uses_sync, inngest.Event(name="qr/sh"))
        .output
        == 2
    )


def test_a_keyword_only_argument_cannot_ride_step_runs_positional_args() -> None:
    @client.create_function(
        fn_id="kwargs-positional", trigger=inngest.TriggerEvent(event="qr/kwp")
    )
    async def positional(ctx: inngest.Context) -> str:
        return await ctx.step.run("greet", step_run_kwargs.greet, "Ada", "?")  # type: ignore[arg-type]

    run = serve_functions(client, [positional]).run(
        positional, inngest.Event(name="qr/kwp")
    )
    assert run.error["name"] == "TypeError"
    assert "takes 1 positional argument but 2 were given" in run.error["message"]
