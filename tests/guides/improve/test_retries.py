import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError

import inngest_kit as kit
from snippets.guides.improve import retries
from snippets.guides.improve.client import client

FINALIZED = inngest.Event(
    name="billing/invoice.finalized", data={"invoice_id": "inv-1"}
)


def _failing(times: int) -> tuple[list[int], object]:
    calls: list[int] = []

    async def push(invoice: dict[str, str]) -> str:
        calls.append(1)
        if len(calls) <= times:
            raise ConnectionError("accounting API unreachable")
        return f"booked {invoice['id']}"

    return calls, push


def _run() -> kit.Run:
    return kit.serve_functions(client, [retries.sync_invoice]).run(
        retries.sync_invoice, FINALIZED
    )


def test_the_invoice_is_booked_when_accounting_is_up() -> None:
    assert _run().output == "booked inv-1"


def test_retries_registers_attempts() -> None:
    config = kit.registered_config(retries.sync_invoice)
    assert config["steps"]["step"]["retries"] == {"attempts": 3}


def test_step_error_is_raised_after_the_last_attempt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls, push = _failing(times=99)
    monkeypatch.setattr(retries, "push_to_accounting", push)
    run = _run()
    assert len(calls) == 4  # retries=3: 1 attempt + 3 retries
    assert [op.op for op in run.ops if op.step_id == "push"][-1] == "StepFailed"
    assert run.completed
    assert run.output == (
        "ticket for inv-1: ConnectionError: accounting API unreachable"
    )


def test_negative_retries_fail_when_the_config_is_built_for_the_sync() -> None:
    @client.create_function(
        fn_id="bad-retries",
        trigger=inngest.TriggerEvent(event="billing/invoice.finalized"),
        retries=-1,
    )
    async def bad(ctx: inngest.Context) -> None: ...

    # No error at definition: only when the serve handler builds the sync payload.
    expected = "attempts: Input should be greater than or equal to 0"
    with pytest.raises(FunctionConfigInvalidError, match=expected):
        kit.registered_config(bad)
