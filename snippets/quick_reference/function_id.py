import inngest

from .client import client


# --8<-- [start:fn_id]
@client.create_function(
    fn_id="import-contacts",  # (1)!
    name="Import contacts from CSV",  # (2)!
    trigger=inngest.TriggerEvent(event="qr/contacts.uploaded"),
)
async def import_contacts(ctx: inngest.Context) -> None:
    ctx.logger.info("importing %s", ctx.event.data.get("file"))


# --8<-- [end:fn_id]
