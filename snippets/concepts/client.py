# --8<-- [start:client]
import inngest

client = inngest.Inngest(app_id="concepts")  # (1)!
# --8<-- [end:client]
