"""What the page says about matching names: the testing kit expands no wildcard."""

import inngest

import inngest_kit as kit

client = inngest.Inngest(app_id="naming-page", is_production=False)


@client.create_function(
    fn_id="every-app-event", trigger=inngest.TriggerEvent(event="app/*")
)
async def every_app_event(ctx: inngest.Context) -> str:
    return ctx.event.name


def test_the_kit_matches_exact_names_only() -> None:
    assert kit.registered_config(every_app_event)["triggers"] == [{"event": "app/*"}]
    created = inngest.Event(name="app/user.created")
    assert kit.triggered_by([every_app_event], created) == []
    literal = inngest.Event(name="app/*")
    assert kit.triggered_by([every_app_event], literal) == [every_app_event.id]
