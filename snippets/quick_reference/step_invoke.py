import inngest

from snippets.quick_reference.client import client


# --8<-- [start:invoke]
@client.create_function(
    fn_id="score-lead",
    trigger=inngest.TriggerEvent(event="qr/lead.score-requested"),
)
async def score_lead(ctx: inngest.Context) -> int:
    email = str(ctx.event.data["email"])
    return 80 if email.endswith("@acme.com") else 20


@client.create_function(
    fn_id="qualify-lead",
    trigger=inngest.TriggerEvent(event="qr/lead.created"),
)
async def qualify_lead(ctx: inngest.Context) -> str:
    score = await ctx.step.invoke(
        "score",
        function=score_lead,  # (1)!
        data={"email": ctx.event.data["email"]},  # (2)!
    )
    return "hot" if score >= 50 else "cold"


# --8<-- [end:invoke]
