import pydantic
import pytest

from snippets.leadflow.events import (
    AppointmentBooked,
    AwaitReply,
    NewLead,
    ReplyReceived,
)
from tests.leadflow.samples import example

MODELS = [NewLead, AwaitReply, ReplyReceived, AppointmentBooked]


@pytest.mark.parametrize("model", MODELS)
def test_schema_examples_are_valid_payloads(model: type[pydantic.BaseModel]) -> None:
    assert example(model)["lead_id"] == "lead-42"


def test_contact_follows_the_strategy() -> None:
    lead = NewLead(lead_id="1", name="Bo", phone="+100", strategy="phone")
    assert lead.contact == "+100"


def test_a_strategy_without_its_contact_is_rejected() -> None:
    with pytest.raises(pydantic.ValidationError, match="strategy 'email' needs"):
        NewLead(lead_id="1", name="Bo", phone="+100", strategy="email")


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(pydantic.ValidationError, match="Extra inputs"):
        ReplyReceived.model_validate({**example(ReplyReceived), "lead": "typo"})


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (NewLead, "lead_id"),
        (NewLead, "name"),
        (ReplyReceived, "lead_id"),
        (AppointmentBooked, "lead_id"),
    ],
)
def test_an_empty_id_or_name_is_rejected_one_character_is_enough(
    model: type[pydantic.BaseModel], field: str
) -> None:
    with pytest.raises(pydantic.ValidationError, match="at least 1 character"):
        model.model_validate({**example(model), field: ""})
    assert getattr(model.model_validate({**example(model), field: "x"}), field) == "x"
