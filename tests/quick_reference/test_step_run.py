import inngest
import pytest

from inngest_kit import serve_functions
from snippets.quick_reference import step_run
from snippets.quick_reference.client import client

EVENT = inngest.Event(name="qr/step-run.basic")


def test_step_output_feeds_the_next_step() -> None:
    run = serve_functions(client, [step_run.step_run_basic]).run(
        step_run.step_run_basic, EVENT
    )
    assert run.completed
    assert run.output == 10
    assert run.steps() == ["add", "double"]


def test_each_step_body_runs_once_and_is_replayed_from_memo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[int, int]] = []

    async def counting_add(a: int, b: int) -> int:
        calls.append((a, b))
        return a + b

    monkeypatch.setattr(step_run, "add", counting_add)
    run = serve_functions(client, [step_run.step_run_basic]).run(
        step_run.step_run_basic, EVENT
    )
    # One HTTP request per step plus the final one: the handler ran 3 times,
    # but each step body ran exactly once.
    assert run.requests == 3
    assert calls == [(2, 3), (5, 5)]


def test_code_outside_steps_runs_on_every_call() -> None:
    outside: list[str] = []

    async def one() -> int:
        return 1

    @client.create_function(fn_id="outside", trigger=inngest.TriggerEvent(event="qr/o"))
    async def with_outside_code(ctx: inngest.Context) -> int:
        outside.append("ran")
        a = await ctx.step.run("a", one)
        b = await ctx.step.run("b", one)
        return a + b

    run = serve_functions(client, [with_outside_code]).run(
        with_outside_code, inngest.Event(name="qr/o")
    )
    assert run.output == 2
    assert len(outside) == run.requests == 3
