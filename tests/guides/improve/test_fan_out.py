import inngest

import inngest_kit as kit
from snippets.guides.improve import fan_out
from snippets.guides.improve.client import client

SIGNED_UP = inngest.Event(name="user/signed-up", data={"email": "ada@example.com"})


def test_one_event_triggers_every_function_that_listens(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    executor = kit.serve_functions(client, [fan_out.welcome, fan_out.crm_contact])
    synced = kit.sync(executor.client, inngest_api)
    triggers = {f["id"]: f["triggers"] for f in synced["functions"]}
    assert triggers == {
        "improve-guide-send-welcome-email": [{"event": "user/signed-up"}],
        "improve-guide-create-crm-contact": [{"event": "user/signed-up"}],
    }
    # Each function is its own run, with its own retries.
    assert executor.run(fan_out.welcome, SIGNED_UP).output == "welcomed ada@example.com"
    assert executor.run(fan_out.crm_contact, SIGNED_UP).output == (
        "created a CRM contact for ada@example.com"
    )


def test_send_event_sends_one_event_per_subscriber_once(
    inngest_api: kit.FakeInngestAPI,
) -> None:
    run = kit.serve_functions(client, [fan_out.announce_release]).run(
        fan_out.announce_release,
        inngest.Event(name="release/published", data={"version": "2.0"}),
    )
    assert run.output == 3
    assert run.steps() == ["load-subscribers", "notify-each"]
    # The run was called 3 times (once per step + the last one), yet the
    # events went out once: send_event is a memoized step.
    assert run.requests == 3
    assert inngest_api.event_names() == ["release/notify"] * 3
    assert [e["id"] for e in inngest_api.events] == [
        "release-2.0-ada@example.com",
        "release-2.0-grace@example.com",
        "release-2.0-linus@example.com",
    ]
    assert inngest_api.events[0]["data"] == {
        "email": "ada@example.com",
        "version": "2.0",
    }
