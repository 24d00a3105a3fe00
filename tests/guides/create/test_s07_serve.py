from starlette.testclient import TestClient

import inngest_kit as kit
from snippets.guides.create.s01_app import app
from snippets.guides.create.s07_serve import functions


def test_the_sync_registers_every_function_in_the_list(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    synced = kit.sync(TestClient(app), inngest_api)
    assert [f["id"] for f in synced["functions"]] == [fn.id for fn in functions]
    assert [fn.id for fn in functions] == ["my-app-say-hello", "my-app-onboard-user"]
