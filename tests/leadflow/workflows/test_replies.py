from snippets.leadflow.events import ReplyReceived
from snippets.leadflow.workflows.replies import process_reply
from snippets.testing_kit import kit
from tests.leadflow.conftest import event


def test_a_reply_becomes_one_task_for_sales(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    run = executor.run(process_reply, event("workflow/process-reply", ReplyReceived))
    assert run.steps() == ["notify-sales"]
    assert [(m["kind"], m["text"]) for m in outbox] == [("task", "Call me Friday")]
