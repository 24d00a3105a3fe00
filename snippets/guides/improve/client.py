# --8<-- [start:client]
import inngest

# INNGEST_DEV=1 locally; INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY in production.
client = inngest.Inngest(app_id="improve-guide")
# --8<-- [end:client]
