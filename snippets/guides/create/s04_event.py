"""Stage 4: design the event: a name and a typed payload."""

# --8<-- [start:stage]
from typing import Literal

import pydantic


class UserSignedUp(pydantic.BaseModel):
    """Data of the `app/user.signed-up` event."""

    user_id: str
    email: str
    plan: Literal["free", "pro"] = "free"


# --8<-- [end:stage]
