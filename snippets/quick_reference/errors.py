import datetime

# --8<-- [start:imports]
import inngest
from inngest import NonRetriableError, RetryAfterError, StepError  # (1)!

# --8<-- [end:imports]
from snippets.quick_reference.client import client


class RateLimited(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(f"rate limited for {seconds}s")
        self.seconds = seconds


async def lookup_company(email: str) -> dict[str, object]:
    return {"email": email, "company": email.partition("@")[2]}


async def call_api(url: str) -> str:
    return f"delivered to {url}"


# --8<-- [start:raise]
@client.create_function(
    fn_id="deliver-webhook",
    trigger=inngest.TriggerEvent(event="qr/webhook.queued"),
)
async def deliver_webhook(ctx: inngest.Context) -> str:
    url = ctx.event.data.get("url")
    if not isinstance(url, str):
        raise NonRetriableError("payload has no url")  # (1)!

    async def send() -> str:
        try:
            return await call_api(url)
        except RateLimited as err:
            raise RetryAfterError(  # (2)!
                "receiver is rate limiting us",
                datetime.timedelta(seconds=err.seconds),
            ) from err

    return await ctx.step.run("send", send)  # (3)!


# --8<-- [end:raise]


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
