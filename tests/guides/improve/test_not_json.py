import inngest
from inngest.experimental import mocked

from snippets.guides.improve import not_json
from snippets.guides.improve.client import client
from snippets.testing_kit import kit

EVENT = inngest.Event(name="shop/order.stamped")


def test_a_datetime_from_a_step_fails_the_run_under_the_serve_handler() -> None:
    run = kit.serve_functions(client, [not_json.stamp_order]).run(
        not_json.stamp_order, EVENT
    )
    assert run.status == "Failed"
    assert run.error["name"] == "OutputUnserializableError"
    assert run.error["message"] == '"now" returned unserializable data'
    # Not marked no-retry: the server retries it, and it fails the same way.
    assert "x-inngest-no-retry" not in run.last_headers


def test_the_mocked_runner_does_not_notice() -> None:
    fake = mocked.Inngest(app_id="improve-guide", is_production=False)
    with kit.event_loop():
        result = mocked.trigger(not_json.stamp_order, EVENT, fake)
    assert result.status is mocked.Status.COMPLETED
    assert result.output == "2030-01-01T00:00:00+00:00"
