import pydantic
import pytest

from snippets.guides.create.s04_event import UserSignedUp


def test_the_plan_defaults_to_free() -> None:
    user = UserSignedUp(user_id="u-1", email="ada@example.com")
    assert user.model_dump() == {
        "user_id": "u-1",
        "email": "ada@example.com",
        "plan": "free",
    }


def test_an_unknown_plan_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="'free' or 'pro'"):
        UserSignedUp.model_validate(
            {"user_id": "u-1", "email": "a@b.c", "plan": "gold"}
        )
