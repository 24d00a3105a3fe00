import inngest
import pytest

import inngest_kit as kit
from snippets.guides.create import s05_steps
from snippets.guides.create.s02_client import client

SIGNUP = inngest.Event(
    name="app/user.signed-up",
    data={"user_id": "u-1", "email": "ada@example.com", "plan": "pro"},
)


def test_the_second_step_gets_the_first_steps_output() -> None:
    run = kit.serve_functions(client, [s05_steps.onboard_user]).run(
        s05_steps.onboard_user, SIGNUP
    )
    assert run.steps() == ["create-account", "send-welcome"]
    assert run.output == "welcome email for acct-ada on pro"


def test_each_step_body_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    create = kit.Flaky(0, "acct-x")
    welcome = kit.Flaky(0, "sent")
    monkeypatch.setattr(s05_steps, "create_account", create)
    monkeypatch.setattr(s05_steps, "send_welcome", welcome)
    run = kit.serve_functions(client, [s05_steps.onboard_user]).run(
        s05_steps.onboard_user, SIGNUP
    )
    assert run.requests == 3
    assert (create.calls, welcome.calls) == (1, 1)
