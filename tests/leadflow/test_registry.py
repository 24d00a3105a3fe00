"""The registry lists every function; the synced app is what the pages say."""

import importlib
import pkgutil

import inngest
from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.leadflow import registry, workflows


def defined_functions() -> set[str]:
    found = set()
    for info in pkgutil.iter_modules(workflows.__path__, workflows.__name__ + "."):
        module = importlib.import_module(info.name)
        found |= {
            v.id for v in vars(module).values() if isinstance(v, inngest.Function)
        }
    return found


def test_every_function_in_workflows_is_registered_once() -> None:
    ids = [fn.id for fn in registry.functions]
    assert len(ids) == len(set(ids))
    assert set(ids) == defined_functions()


def test_the_dev_server_sync_registers_every_function_and_trigger(
    app_client: TestClient, inngest_api: kit.FakeInngestAPI
) -> None:
    synced = kit.sync(app_client, inngest_api)
    assert synced["appname"] == "leadflow"
    triggers = {
        f["id"]: [t["event"] for t in f["triggers"]] for f in synced["functions"]
    }
    assert triggers == {
        "leadflow-new-lead": ["workflow/new-lead"],
        "leadflow-email-outreach": ["workflow/email-outreach"],
        "leadflow-phone-outreach": ["workflow/phone-outreach"],
        "leadflow-await-reply": ["workflow/await-reply"],
        "leadflow-process-reply": ["workflow/process-reply"],
        "leadflow-confirm-appointment": ["workflow/confirm-appointment"],
    }
    # No function sets retries: the server default (4 retries, 5 attempts) applies.
    assert all("retries" not in f["steps"]["step"] for f in synced["functions"])


def test_every_workflow_event_starts_exactly_one_function() -> None:
    names = {
        t["event"]
        for fn in registry.functions
        for t in kit.registered_config(fn)["triggers"]
    }
    for name in names:
        started = kit.triggered_by(registry.functions, inngest.Event(name=name))
        assert len(started) == 1, (name, started)
    # api/* events start nothing: they are facts that runs wait on or cancel on.
    assert (
        kit.triggered_by(registry.functions, inngest.Event(name="api/new-lead")) == []
    )
