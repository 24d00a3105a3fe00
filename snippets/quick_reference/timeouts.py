import datetime

import inngest

from .client import client


# --8<-- [start:timeouts]
@client.create_function(
    fn_id="render-video",
    trigger=inngest.TriggerEvent(event="qr/video.uploaded"),
    timeouts=inngest.Timeouts(
        start=datetime.timedelta(minutes=5),
        finish=datetime.timedelta(hours=1),
    ),
)
async def render_video(ctx: inngest.Context) -> None: ...


# --8<-- [end:timeouts]
