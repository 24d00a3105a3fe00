"""The page's conftest.py: clients created after it are in dev mode against the
fake API, and `inngest_api` holds what they sent, emptied for each test."""

import os

import inngest

import inngest_kit as kit
from snippets.testing_kit import conftest


def test_this_suite_runs_on_the_pages_conftest(inngest_api: kit.FakeInngestAPI) -> None:
    assert inngest_api is conftest.API
    assert os.environ["INNGEST_DEV"] == conftest.API.url


def test_a_client_created_after_it_is_in_dev_mode(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    client = inngest.Inngest(app_id="kit-conftest")
    assert not client.is_production  # no signing key needed

    @client.create_function(fn_id="x", trigger=inngest.TriggerEvent(event="kit/x"))
    async def x(ctx: inngest.Context) -> str:
        return "served"

    assert kit.serve_functions(client, [x]).run(x, kit.event_for(x)).output == "served"
    client.send_sync(inngest.Event(name="kit/sent"))
    assert inngest_api.event_names() == ["kit/sent"]
    kit.sync(kit.serve_functions(client, [x]).client, inngest_api)
    assert [s["appname"] for s in inngest_api.syncs] == ["kit-conftest"]


def test_the_fixture_empties_what_the_last_test_recorded(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    # Whatever ran before on this worker sent events; none are left.
    assert (inngest_api.events, inngest_api.syncs) == ([], [])
    inngest.Inngest(app_id="kit-conftest").send_sync(inngest.Event(name="kit/a"))
    assert inngest_api.event_names() == ["kit/a"]
