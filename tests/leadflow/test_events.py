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
