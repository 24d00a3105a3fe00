"""Apps for the kit's own tests: a serve endpoint seen through a tap, and an
endpoint that answers from a script (what no real SDK would send)."""

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import fastapi

import inngest_kit as kit

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]


class Tap:
    """An ASGI app around another: keeps the JSON body of every POST it passes
    on (`bodies`), and can set headers on every response (`headers`)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = headers or {}
        self.bodies: list[kit.Json] = []

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body = await _whole_body(receive)
        self.bodies.append(json.loads(body or b"null"))
        passed = False

        async def read() -> Message:
            nonlocal passed
            if passed:
                return await receive()
            passed = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def write(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (k, v)
                    for k, v in message["headers"]
                    if k.decode().lower() not in self.headers
                ]
                added = [(k.encode(), v.encode()) for k, v in self.headers.items()]
                message = {**message, "headers": kept + added}
            await send(message)

        await self.app(scope, read, write)


async def _whole_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def scripted(*answers: tuple[int, kit.Json]) -> fastapi.FastAPI:
    """A serve endpoint that answers the n-th POST with the n-th `(status,
    JSON body)`, then keeps repeating the last one."""
    app = fastapi.FastAPI()
    left = list(answers)

    @app.post(kit.SERVE_PATH)
    def execute() -> fastapi.Response:
        status, body = left.pop(0) if len(left) > 1 else left[0]
        return fastapi.Response(
            json.dumps(body), status_code=status, media_type="application/json"
        )

    return app
