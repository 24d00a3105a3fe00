"""Call another function and use its return value: step.invoke."""

# --8<-- [start:invoke]
import datetime

import inngest

from .client import client


@client.create_function(
    fn_id="score-lead",
    trigger=inngest.TriggerEvent(event="lead/score.requested"),  # (1)!
    retries=0,
)
async def score_lead(ctx: inngest.Context) -> int:
    employees = int(str(ctx.event.data["employees"]))
    if employees < 0:
        raise inngest.NonRetriableError("employees cannot be negative")
    return 90 if employees >= 500 else 40


@client.create_function(
    fn_id="qualify-lead",
    trigger=inngest.TriggerEvent(event="lead/created"),
)
async def qualify_lead(ctx: inngest.Context) -> str:
    try:
        score = await ctx.step.invoke(  # (2)!
            "score",
            function=score_lead,
            data={"employees": ctx.event.data["employees"]},
            timeout=datetime.timedelta(minutes=10),
        )
    except inngest.StepError as err:  # (3)!
        return f"unscored: {err.message}"
    return "sales" if score >= 80 else "nurture"


# --8<-- [end:invoke]
