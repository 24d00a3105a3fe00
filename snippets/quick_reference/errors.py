# --8<-- [start:imports]
import inngest
from inngest import NonRetriableError, RetryAfterError, StepError  # (1)!

# --8<-- [end:imports]
from .client import client


async def lookup_company(email: str) -> dict[str, object]:
    return {"email": email, "company": email.partition("@")[2]}


# --8<-- [start:step_error]
@client.create_function(
    fn_id="enrich-contact",
    trigger=inngest.TriggerEvent(event="qr/contact.created"),
    retries=0,
)
async def enrich_contact(ctx: inngest.Context) -> dict[str, object]:
    try:
        return await ctx.step.run(
            "enrich", lookup_company, str(ctx.event.data["email"])
        )
    except StepError as err:  # (1)!
        ctx.logger.warning("enrichment failed: %s: %s", err.name, err.message)
        return {"enriched": False}


# --8<-- [end:step_error]


# The page imports all three; the examples that raise the first two are the
# improve guide's (guides/improve/errors.py).
__all__ = ["NonRetriableError", "RetryAfterError", "StepError"]
