"""Events the SDK refuses to build: data that is not a JSON object."""

import datetime

import inngest
import pydantic

from .app import client


class Order(pydantic.BaseModel):
    id: str
    placed_at: datetime.datetime


# --8<-- [start:event-data-wrong]
async def announce_order(order: Order) -> list[str]:
    return await client.send(
        inngest.Event(
            name="debug/order.placed",
            data=order.model_dump(),  # (1)!
        )
    )


# --8<-- [end:event-data-wrong]


# --8<-- [start:event-data-json]
async def announce_order_fixed(order: Order) -> list[str]:
    return await client.send(
        inngest.Event(
            name="debug/order.placed",
            data=order.model_dump(mode="json"),  # (1)!
        )
    )


# --8<-- [end:event-data-json]
