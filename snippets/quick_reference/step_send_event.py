import inngest

from snippets.quick_reference.client import client


# --8<-- [start:send_event]
@client.create_function(
    fn_id="fan-out-welcome",
    trigger=inngest.TriggerEvent(event="qr/team.created"),
)
async def fan_out_welcome(ctx: inngest.Context) -> list[str]:
    members = ctx.event.data["members"]
    assert isinstance(members, list)
    return await ctx.step.send_event(  # (1)!
        "welcome-members",
        [inngest.Event(name="qr/member.invited", data={"email": m}) for m in members],
    )


# --8<-- [end:send_event]
