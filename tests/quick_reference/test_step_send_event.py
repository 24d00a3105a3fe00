import inngest

from snippets.quick_reference import step_send_event
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import FakeInngestAPI, serve_functions


def test_send_event_returns_one_id_per_event_and_is_a_step(
    inngest_api: FakeInngestAPI,
) -> None:
    run = serve_functions(client, [step_send_event.fan_out_welcome]).run(
        step_send_event.fan_out_welcome,
        inngest.Event(name="qr/team.created", data={"members": ["a@x.io", "b@x.io"]}),
    )
    assert inngest_api.event_names() == ["qr/member.invited", "qr/member.invited"]
    assert [e["data"]["email"] for e in inngest_api.events] == ["a@x.io", "b@x.io"]
    assert isinstance(run.output, list)
    assert len(run.output) == 2
    # A memoized step: reported once as StepRun, so a replay does not send again.
    assert [(o.op, o.step_id) for o in run.ops] == [("StepRun", "welcome-members")]
