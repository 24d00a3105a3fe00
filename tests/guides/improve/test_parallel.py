"""ctx.group.parallel vs asyncio.gather, through the real serve handler."""

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.improve import parallel
from snippets.guides.improve.client import client

EVENT = inngest.Event(name="lead/enrich.requested", data={"email": "ada@acme.dev"})
EXPECTED = [
    "company data for acme.dev",
    "person data for ada@acme.dev",
    "tech stack of acme.dev",
]
LOOKUPS = ("lookup_company", "lookup_person", "lookup_tech_stack")


@client.create_function(
    fn_id="enrich-lead-gather",
    trigger=inngest.TriggerEvent(event="lead/enrich.requested"),
)
async def enrich_lead_gather(ctx: inngest.Context) -> list[str]:
    """The guide's function with asyncio.gather instead of ctx.group.parallel."""
    email = str(ctx.event.data["email"])
    domain = email.split("@")[1]
    results = await asyncio.gather(
        ctx.step.run("company", parallel.lookup_company, domain),
        ctx.step.run("person", parallel.lookup_person, email),
        ctx.step.run("tech-stack", parallel.lookup_tech_stack, domain),
    )
    return list(results)


@pytest.fixture
def bodies(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count how many times each step body really runs."""
    calls: Counter[str] = Counter()

    def counting(name: str) -> Callable[[str], Awaitable[str]]:
        original: Callable[[str], Awaitable[str]] = getattr(parallel, name)

        async def wrapper(arg: str) -> str:
            calls[name] += 1
            return await original(arg)

        return wrapper

    for name in LOOKUPS:
        monkeypatch.setattr(parallel, name, counting(name))
    return calls


def test_parallel_plans_all_steps_and_runs_each_body_once(bodies: Counter[str]) -> None:
    run = kit.serve_functions(client, [parallel.enrich_lead]).run(
        parallel.enrich_lead, EVENT
    )
    assert run.output == EXPECTED
    # First call: the SDK reports all three steps as planned, runs none of them.
    assert run.steps("StepPlanned") == ["company", "person", "tech-stack"]
    # Then the server calls once per step (it may do so concurrently).
    assert run.steps("StepRun") == ["company", "person", "tech-stack"]
    assert bodies == dict.fromkeys(LOOKUPS, 1)
    # The default mode (WAIT) sends no parallel hint with the planned steps.
    planned = [op for op in run.ops if op.op == "StepPlanned"]
    assert planned
    assert all(not op.opts for op in planned)


def test_gather_runs_steps_one_per_request_and_repeats_bodies(
    bodies: Counter[str],
) -> None:
    run = kit.serve_functions(client, [enrich_lead_gather]).run(
        enrich_lead_gather, EVENT
    )
    assert run.output == EXPECTED  # the result looks right...
    # ...but nothing was planned in parallel: one step is reported per request,
    assert run.steps("StepPlanned") == []
    assert run.steps() == ["company", "person", "tech-stack"]
    assert run.requests == 4
    # and every request ran ALL pending step bodies, keeping one result: the
    # bodies ran 1 + 2 + 3 = 6 times for 3 steps (duplicate side effects).
    assert bodies == {"lookup_company": 1, "lookup_person": 2, "lookup_tech_stack": 3}
