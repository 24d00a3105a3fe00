"""Durations the SDK cannot write: fractions of a second, less than a second."""

import datetime

import fastapi
import inngest
import inngest.fast_api
import pytest
from pydantic_core import PydanticSerializationError
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite import paths
from snippets.guides.debug import durations
from snippets.guides.debug.app import client, hello
from tests.clock import wake_time
from tests.guides.debug.messages import lines

EVENT = kit.event_for(durations.await_upgrade)


@pytest.fixture(autouse=True)
def _quiet_sdk_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("CRITICAL", logger="inngest")


def test_a_fractional_cancel_timeout_fails_the_sync(
    sdk_now: datetime.datetime, inngest_api: kit.FakeInngestAPI
) -> None:
    app = fastapi.FastAPI()  # kit.serve_functions would fail too: it reads the config
    inngest.fast_api.serve(app, client, [hello, durations.remind_trial])
    res = TestClient(app).put("/api/inngest")
    assert res.status_code == 500
    assert inngest_api.syncs == []  # the whole app: not even `hello` is registered
    body = res.json()
    assert f"{body['name']}: {body['message']}" == lines("whole-seconds")[0]
    # The function itself runs (a 1.5 s sleep is fine): only the sync fails, so
    # Inngest never learns about it.
    run = kit.Executor(TestClient(app), []).run("debug-guide-remind-trial", EVENT)
    assert run.completed
    assert run.steps("Sleep") == ["pause"]
    [pause] = [op for op in run.ops if op.op == "Sleep"]
    assert wake_time(pause.name) - sdk_now == datetime.timedelta(seconds=1.5)  # 1_500


def test_a_fractional_wait_timeout_fails_the_run() -> None:
    fn = durations.await_upgrade
    run = kit.serve_functions(client, [fn]).run(fn, EVENT, waits={})
    assert run.status == "Failed"
    assert f"{run.error['name']}: {run.error['message']}" == lines("whole-seconds")[1]


def test_whole_seconds_sync_and_wait(inngest_api: kit.FakeInngestAPI) -> None:
    fn = durations.remind_trial_fixed
    executor = kit.serve_functions(client, [fn])
    [registered] = kit.sync(executor.client, inngest_api)["functions"]
    assert registered["cancel"][0]["timeout"] == "2s"
    run = executor.run(fn, EVENT, waits={"wait-for-upgrade": []})
    assert run.completed
    [wait] = [op for op in run.ops if op.op == "WaitForEvent"]
    assert wait.opts == {"if": None, "timeout": "91s"}


CONTACT = kit.event_for(durations.sync_crm_fixed)  # same trigger


def test_an_int_meant_as_seconds_is_milliseconds_and_too_short(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    app = fastapi.FastAPI()
    inngest.fast_api.serve(app, client, [hello, durations.sync_crm])
    res = TestClient(app).put("/api/inngest")
    assert res.status_code == 500
    assert inngest_api.syncs == []  # the whole app
    body = res.json()
    assert f"{body['name']}: {body['message']}" == lines("min-duration")[0]
    # The wait of 30 (ms) fails every run at that step.
    run = kit.Executor(TestClient(app), []).run("debug-guide-sync-crm", CONTACT)
    assert run.status == "Failed"
    assert run.steps() == []
    assert f"{run.error['name']}: {run.error['message']}" == lines("min-duration")[1]


def test_an_hour_written_as_3600_is_not_whole_seconds() -> None:
    page = " ".join((paths.DOCS / "guides" / "debug.md").read_text().split())
    assert "`period=3600` is 3.6 s" in page
    with pytest.raises(
        PydanticSerializationError, match="duration must be a whole number of seconds"
    ):
        inngest.Throttle(limit=10, period=3600).model_dump(mode="json")
    # A multiple of 1000 passes: 50 minutes written as 3000 is three seconds.
    assert "`period=3000`, meant as 50 minutes, is 3 s" in page
    throttle = inngest.Throttle(limit=10, period=3000).model_dump(mode="json")
    assert throttle["period"] == "3s"


def test_timedelta_seconds_sync_and_wait(inngest_api: kit.FakeInngestAPI) -> None:
    fn = durations.sync_crm_fixed
    executor = kit.serve_functions(client, [fn])
    [registered] = kit.sync(executor.client, inngest_api)["functions"]
    assert registered["throttle"]["period"] == "1m"
    run = executor.run(fn, CONTACT, waits={"wait-for-merge": []})
    assert run.completed
    [wait] = [op for op in run.ops if op.op == "WaitForEvent"]
    assert wait.opts == {"if": None, "timeout": "30s"}
