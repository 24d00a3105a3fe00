# --8<-- [start:client]
import inngest

# Locally, run with INNGEST_DEV=1 (Dev Server mode: no keys, no signatures).
# In production, set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY instead.
client = inngest.Inngest(app_id="quick-reference")
# --8<-- [end:client]
