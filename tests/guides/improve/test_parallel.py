"""ctx.group.parallel through the real serve handler (asyncio.gather: the debug guide)."""

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
