"""inngest.Event refuses data that is not a JSON object, before anything is sent."""

import asyncio
import datetime
import traceback
import uuid

import inngest
import pydantic
import pytest

import inngest_kit as kit
from docsite import paths
from snippets.guides.debug import event_errors as e
from tests.guides.debug.messages import lines

ORDER = e.Order(
    id="o-1", placed_at=datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)
)
PAGE = " ".join((paths.DOCS / "guides" / "debug.md").read_text().split())


def _first_lines(err: BaseException) -> list[str]:
    """The exception line and the first error pydantic lists, as printed."""
    return traceback.format_exception_only(err)[-1].splitlines()[:3]


def test_a_model_as_event_data_is_not_a_dictionary() -> None:
    assert "`data=order`" in PAGE
    with pytest.raises(pydantic.ValidationError) as info:
        inngest.Event(name="debug/order.placed", data=ORDER)  # type: ignore[arg-type]
    assert _first_lines(info.value) == lines("event-validation")[0:3]


def test_a_datetime_in_event_data_fails_before_anything_is_sent(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        asyncio.run(e.announce_order(ORDER))
    assert _first_lines(info.value) == lines("event-validation")[3:6]
    assert inngest_api.events == []


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC),
        datetime.date(2026, 12, 7),
        uuid.UUID(int=1),
    ],
)
def test_a_value_that_is_not_json_gets_one_error_per_json_type(value: object) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        inngest.Event(name="debug/order.placed", data={"placed_at": value})  # type: ignore[dict-item]
    assert {err["loc"][:2] for err in info.value.errors()} == {("data", "placed_at")}
    tried = [str(err["loc"][2]) for err in info.value.errors()]
    assert tried[:5] == ["bool", "int", "float", "str", "dict[str,any]"]
    assert tried[5].startswith("json-or-python[json=list[any]")  # a list
    assert len(tried) == 6


def test_event_takes_name_not_event() -> None:
    assert "`inngest.Event(event=...)`" in PAGE
    with pytest.raises(pydantic.ValidationError) as info:
        inngest.Event(event="debug/order.placed")  # type: ignore[call-arg]
    assert _first_lines(info.value) == lines("event-validation")[6:9]


def test_json_mode_sends_the_datetime_as_a_string(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    [event_id] = asyncio.run(e.announce_order_fixed(ORDER))
    assert event_id
    [sent] = inngest_api.events
    assert (sent["name"], sent["data"]) == (
        "debug/order.placed",
        {"id": "o-1", "placed_at": "2026-12-07T09:00:00Z"},
    )
