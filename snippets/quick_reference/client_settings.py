# --8<-- [start:settings]
import inngest


def create_client() -> inngest.Inngest:
    # Mode, keys and URLs come from the environment (see the table below):
    # the same code runs against the Dev Server and Inngest Cloud.
    return inngest.Inngest(app_id="quick-reference")


# --8<-- [end:settings]
