"""Inngest Connect: a worker that dials out to Inngest instead of serving HTTP."""

import asyncio
import os

import inngest.connect

# inngest.connect does not export the type of the connection in 0.5.19.
from inngest.connect._internal.connection import WorkerConnection

from .config import create_client, shop_functions


# --8<-- [start:worker]
def create_worker() -> WorkerConnection:
    client = create_client()  # (1)!
    return inngest.connect.connect(
        [(client, shop_functions(client))],  # (2)!
        instance_id=os.environ.get("HOSTNAME"),  # (3)!
    )


async def main() -> None:
    await create_worker().start()  # (4)!


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:worker]
