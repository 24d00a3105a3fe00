"""Parallel steps with ctx.group.parallel (the asyncio.gather mistake is in tests)."""

# --8<-- [start:lookups]
import inngest

from .client import client


async def lookup_company(domain: str) -> str:
    return f"company data for {domain}"


async def lookup_person(email: str) -> str:
    return f"person data for {email}"


async def lookup_tech_stack(domain: str) -> str:
    return f"tech stack of {domain}"


# --8<-- [end:lookups]


# --8<-- [start:parallel]
@client.create_function(
    fn_id="enrich-lead",
    trigger=inngest.TriggerEvent(event="lead/enrich.requested"),
)
async def enrich_lead(ctx: inngest.Context) -> list[str]:
    email = str(ctx.event.data["email"])
    domain = email.split("@")[1]
    results = await ctx.group.parallel(  # (1)!
        (
            lambda: ctx.step.run("company", lookup_company, domain),
            lambda: ctx.step.run("person", lookup_person, email),
            lambda: ctx.step.run("tech-stack", lookup_tech_stack, domain),
        )
    )
    return list(results)  # (2)!


# --8<-- [end:parallel]
