import inngest

from snippets.quick_reference import batch_events
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import evaluate, registered_config, serve_functions

FN = batch_events.bulk_insert_clicks


def test_registered_batch_config() -> None:
    assert registered_config(FN)["batchEvents"] == {
        "maxSize": 100,
        "timeout": "5s",
        "key": "event.data.account_id",
    }
    assert evaluate("event.data.account_id", event={"data": {"account_id": "a"}}) == "a"


def test_the_run_receives_the_whole_batch_in_ctx_events() -> None:
    batch = [
        inngest.Event(name="qr/link.clicked", data={"account_id": "a", "n": n})
        for n in range(3)
    ]
    run = serve_functions(client, [FN]).run(FN, batch)
    assert run.output == 3
