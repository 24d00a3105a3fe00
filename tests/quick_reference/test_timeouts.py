import inngest

from inngest_kit import registered_config, serve_functions
from snippets.quick_reference import timeouts
from snippets.quick_reference.client import client


def test_registered_timeouts() -> None:
    assert registered_config(timeouts.render_video)["timeouts"] == {
        "start": "5m",
        "finish": "1h",
    }


def test_a_function_with_timeouts_runs_to_completion() -> None:
    run = serve_functions(client, [timeouts.render_video]).run(
        timeouts.render_video, inngest.Event(name="qr/video.uploaded", data={})
    )
    assert run.completed
