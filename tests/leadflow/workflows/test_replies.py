import inngest_kit as kit
from snippets.leadflow import services
from snippets.leadflow.events import ReplyReceived
from snippets.leadflow.workflows.replies import process_reply
from tests.leadflow.samples import event


def test_a_reply_becomes_one_task_for_sales(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    run = executor.run(process_reply, event("workflow/process-reply", ReplyReceived))
    assert run.steps() == ["record-reply", "notify-sales"]
    assert [(m["kind"], m["text"]) for m in outbox] == [("task", "Call me Friday")]
    assert services.REPLIES == {"lead-42": "Call me Friday"}
