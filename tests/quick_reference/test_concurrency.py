import inngest
import pytest
from inngest._internal.errors import FunctionConfigInvalidError

from snippets.quick_reference import concurrency
from snippets.quick_reference.client import client
from snippets.testing_kit.kit import evaluate, registered_config


def test_two_limits_are_registered() -> None:
    assert registered_config(concurrency.generate_report)["concurrency"] == [
        {"key": "event.data.user_id", "limit": 1},
        {"key": '"reports"', "limit": 20, "scope": "env"},
    ]


def test_keys_are_cel_over_the_event() -> None:
    event = {"data": {"user_id": "u1"}}
    assert evaluate("event.data.user_id", event=event) == "u1"
    assert evaluate('"reports"', event=event) == "reports"


def test_scope_is_checked() -> None:
    with pytest.raises(FunctionConfigInvalidError, match="scope"):
        inngest.Concurrency(limit=1, scope="global")  # type: ignore[arg-type]


def test_a_misspelled_key_is_dropped_and_the_limit_becomes_global() -> None:
    wrong = inngest.Concurrency(limit=1, keys="event.data.user_id")  # type: ignore[call-arg]
    assert wrong.key is None


def test_the_function_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from snippets.testing_kit.kit import serve_functions

    run = serve_functions(client, [concurrency.generate_report]).run(
        concurrency.generate_report,
        inngest.Event(name="qr/report.requested", data={"user_id": "u1"}),
    )
    assert run.completed
