import asyncio
import re

from snippets.leadflow import services


def test_deliver_records_the_message_and_returns_its_id(
    outbox: list[dict[str, str]],
) -> None:
    reference = asyncio.run(services.deliver("email", "lead-1", "a@b.c", "hi"))
    assert re.fullmatch(r"email-[0-9a-f]{8}", reference)  # kind, then 8 hex digits
    assert outbox == [
        {
            "kind": "email",
            "lead_id": "lead-1",
            "to": "a@b.c",
            "text": "hi",
            "id": reference,
        }
    ]


def test_a_recorded_reply_is_found_and_other_leads_are_not() -> None:
    assert not asyncio.run(services.has_replied("lead-1"))
    assert asyncio.run(services.record_reply("lead-1", "yes")) == "lead-1"
    assert asyncio.run(services.has_replied("lead-1"))
    assert not asyncio.run(services.has_replied("lead-2"))
