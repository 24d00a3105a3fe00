"""The one Inngest client of the app (the seed's `_inngest/client.py`)."""

# --8<-- [start:client]
import inngest

from .settings import Settings


def make_client(settings: Settings) -> inngest.Inngest:
    return inngest.Inngest(
        app_id="leadflow",
        is_production=not settings.dev,
        signing_key=settings.signing_key,
        event_key=settings.event_key,
    )


settings = Settings.from_env()  # (1)!
client = make_client(settings)
# --8<-- [end:client]
