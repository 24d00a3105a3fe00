"""Stage 2: the Inngest client; the mode comes from the environment."""

# --8<-- [start:stage]
import inngest

client = inngest.Inngest(app_id="my-app")  # (1)!
# --8<-- [end:stage]
