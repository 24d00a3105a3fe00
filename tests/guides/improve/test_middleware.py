import inngest

import inngest_kit as kit
from snippets.guides.improve import middleware
from snippets.guides.improve.client import client


def test_function_middleware_sees_each_finished_step() -> None:
    middleware.finished_steps.clear()
    run = kit.serve_functions(client, [middleware.make_thumbnails]).run(
        middleware.make_thumbnails,
        inngest.Event(name="media/image.uploaded", data={"image_id": "img-1"}),
    )
    assert run.output == ["img-1@320w", "img-1@1280w"]
    # Called once per new step, and with no step for the final return value.
    assert middleware.finished_steps == ["small", "large"]
