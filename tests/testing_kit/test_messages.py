"""The kit's messages (snippets/testing_kit/messages.txt), each met the way a
reader meets it: each test brings about the condition with the real kit and
SDK, compares the message with what the kit raised or warned, then tries the
fix the testing-kit page gives for it."""

import datetime
import errno
import socket
import traceback
import types
import warnings
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import inngest
import pytest
from inngest.experimental import mocked
from inngest.experimental.ai import openai
from starlette.testclient import TestClient

import inngest_kit as kit
from docsite.embeds import all_sections
from docsite.paths import SNIPPETS

MESSAGES = SNIPPETS / "testing_kit" / "messages.txt"

client = inngest.Inngest(app_id="sales")

LEAD = inngest.Event(name="app/lead.created", data={"lead_id": "l-1"})


def message(name: str) -> str:
    """One section of messages.txt; KeyError names the file if it is missing."""
    found = all_sections(MESSAGES)
    if name not in found:
        raise KeyError(f"{MESSAGES}: no section {name!r}; has {sorted(found)}")
    return found[name]


def shown(err: BaseException) -> str:
    """The last line Python prints for an uncaught `err` (pytest's `E` line)."""
    return traceback.format_exception_only(err)[-1].rstrip("\n")


# --- At import -------------------------------------------------------------------


def test_the_version_warning_names_both_releases(
    load_a_copy: Callable[..., types.ModuleType],
) -> None:
    # Another installed inngest, under warnings as errors (this site's
    # conftest, and `-W error`): importing the kit fails with the warning.
    major, minor, _ = kit.INNGEST_VERSION.split(".", 2)
    other = f"{major}.{int(minor) + 1}.0"  # the next minor release: 0.6.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning) as warned:
            load_a_copy(other, name="inngest_kit")
    assert type(warned.value).__name__ == "InngestVersionWarning"
    assert shown(warned.value) == message("version-warning"), (
        "after a pin bump, write both releases into "
        "snippets/testing_kit/messages.txt (version-warning)"
    )


# --- Set-up: serving and syncing the app ----------------------------------------


def _welcome(app: inngest.Inngest) -> inngest.Function[Any]:
    @app.create_function(
        fn_id="welcome", trigger=inngest.TriggerEvent(event="app/user.created")
    )
    async def welcome(ctx: inngest.Context) -> str:
        return "sent"

    return welcome


def test_a_client_created_without_inngest_dev_is_refused(
    monkeypatch: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    monkeypatch.delenv("INNGEST_DEV")
    shop = inngest.Inngest(app_id="shop")
    with pytest.raises(kit.KitError) as refused:
        kit.serve_functions(shop, [_welcome(shop)])
    assert shown(refused.value) == message("production-mode")
    # The fix: INNGEST_DEV set to the fake API's url before the client is created.
    monkeypatch.setenv("INNGEST_DEV", inngest_api.url)
    shop = inngest.Inngest(app_id="shop")
    welcome = _welcome(shop)
    executor = kit.serve_functions(shop, [welcome])
    assert executor.run(welcome, inngest.Event(name="app/user.created")).completed


def _dev_server_listens() -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", 8288)) == 0


def test_a_sync_that_reaches_no_api_fails(
    monkeypatch: pytest.MonkeyPatch, inngest_api: kit.FakeInngestAPI
) -> None:
    if _dev_server_listens():
        pytest.skip("something answers on 127.0.0.1:8288 (a Dev Server?)")
    # Dev mode without INNGEST_DEV: the SDK syncs to 127.0.0.1:8288.
    monkeypatch.delenv("INNGEST_DEV")
    shop = inngest.Inngest(app_id="shop", is_production=False)
    executor = kit.serve_functions(shop, [_welcome(shop)])
    with pytest.raises(kit.KitError) as failed:
        kit.sync(executor.client, inngest_api)
    # The page shows Linux's number for a refused connection (macOS says 61).
    linux = shown(failed.value).replace(f"[Errno {errno.ECONNREFUSED}]", "[Errno 111]")
    assert linux == message("sync-failed")
    assert inngest_api.syncs == []
    # The fix: the client created with INNGEST_DEV set to the fake API's url.
    monkeypatch.setenv("INNGEST_DEV", inngest_api.url)
    shop = inngest.Inngest(app_id="shop", is_production=False)
    executor = kit.serve_functions(shop, [_welcome(shop)])
    assert kit.sync(executor.client, inngest_api)["appname"] == "shop"


# --- Running a function ------------------------------------------------------------


async def _remind(lead_id: str) -> str:
    return f"reminded {lead_id}"


@client.create_function(
    fn_id="lead-followup", trigger=inngest.TriggerEvent(event="app/lead.created")
)
async def lead_followup(ctx: inngest.Context) -> str:
    lead_id = str(ctx.event.data["lead_id"])
    for _ in range(30):  # a reminder a day, for 30 days
        reply = await ctx.step.wait_for_event(
            "wait-reply",
            event="app/reply.received",
            if_exp="async.data.lead_id == event.data.lead_id",
            timeout=datetime.timedelta(days=1),
        )
        if reply is not None:
            return "replied"
        await ctx.step.run("remind", _remind, lead_id)
    return "no reply"


def test_a_wait_without_its_events_is_reported() -> None:
    executor = kit.serve_functions(client, [lead_followup])
    with pytest.raises(kit.KitError) as stopped:
        executor.run(lead_followup, LEAD)
    assert shown(stopped.value) == message("waits-missing")
    # The fix: list what arrives while the run waits there.
    reply = inngest.Event(name="app/reply.received", data={"lead_id": "l-1"})
    run = executor.run(lead_followup, LEAD, waits={"wait-reply": [reply]})
    assert (run.output, run.steps()) == ("replied", ["wait-reply"])


def test_a_run_longer_than_max_requests_is_reported() -> None:
    executor = kit.serve_functions(client, [lead_followup])
    no_reply: dict[str, list[inngest.Event]] = {"wait-reply": []}  # all time out
    with pytest.raises(kit.KitError) as stopped:
        executor.run(lead_followup, LEAD, waits=no_reply, max_requests=50)
    assert shown(stopped.value) == message("still-running")
    # The fix: a higher max_requests, or none: 30 waits, 30 reminders, the end.
    run = executor.run(lead_followup, LEAD, waits=no_reply)
    assert (run.output, run.requests) == ("no reply", 61)
    assert executor.run(lead_followup, LEAD, waits=no_reply, max_requests=61).completed


def _qualify(fn_id: str, if_exp: str) -> inngest.Function[Any]:
    """A function that waits for a lead's score, matched with `if_exp`."""

    @client.create_function(
        fn_id=fn_id, trigger=inngest.TriggerEvent(event="app/lead.created")
    )
    async def qualify(ctx: inngest.Context) -> bool:
        scored = await ctx.step.wait_for_event(
            "wait-score",
            event="app/lead.scored",
            if_exp=if_exp,
            timeout=datetime.timedelta(days=1),
        )
        return scored is not None

    return qualify


def _scored(**data: int | str) -> dict[str, list[inngest.Event]]:
    return {"wait-score": [inngest.Event(name="app/lead.scored", data=data)]}


def test_an_expression_on_a_missing_field_the_kit_does_not_model() -> None:
    shown_here = []
    for fn_id, if_exp, waits in (
        # The awaited event has no score.
        ("qualify", "async.data.score + 10 > 50", _scored(points=80)),
        # The run's event has no threshold.
        ("qualify-above", "async.data.score > event.data.threshold", _scored(score=80)),
    ):
        qualify = _qualify(fn_id, if_exp)
        executor = kit.serve_functions(client, [qualify])
        with pytest.raises(kit.KitError) as unmodelled:
            executor.run(qualify, LEAD, waits=waits)
        shown_here.append(shown(unmodelled.value))
        # The fix: the events carry the fields the expression reads.
        lead = inngest.Event(name="app/lead.created", data={"threshold": 40})
        assert executor.run(qualify, lead, waits=_scored(score=80)).output is True
    assert "\n".join(shown_here) == message("expression-unmodelled")
    # Or the field used only as the message lists: no match, as on the server.
    qualify = _qualify("qualify-plain", "async.data.score > 40")
    executor = kit.serve_functions(client, [qualify])
    assert executor.run(qualify, LEAD, waits=_scored(points=80)).output is False


def test_an_expression_that_fails_in_the_kits_cel_library() -> None:
    qualify = _qualify("qualify-typed", "async.data.score > 40")
    executor = kit.serve_functions(client, [qualify])
    with pytest.raises(kit.KitError) as failed:
        executor.run(qualify, LEAD, waits=_scored(score="80"))  # a string
    assert shown(failed.value) == message("expression-fails")
    # The fix: the value of the type the real events carry.
    assert executor.run(qualify, LEAD, waits=_scored(score=80)).output is True


@client.create_function(
    fn_id="summarize-lead", trigger=inngest.TriggerEvent(event="app/lead.created")
)
async def summarize_lead(ctx: inngest.Context) -> object:
    return await ctx.step.ai.infer(
        "summarize",
        adapter=openai.Adapter(auth_key="sk-test", model="gpt-4o-mini"),
        body={"messages": [{"role": "user", "content": "Summarize lead l-1"}]},
    )


def test_an_ai_step_is_an_op_the_kit_does_not_run() -> None:
    executor = kit.serve_functions(client, [summarize_lead])
    with pytest.raises(kit.KitError) as unsupported:
        executor.run(summarize_lead, LEAD)
    assert shown(unsupported.value) == message("unsupported-op")
    # The fix: `mocked`, with a stub for that step.
    summary = {"choices": [{"message": {"content": "A warm lead."}}]}
    with kit.event_loop():
        result = mocked.trigger(
            summarize_lead,
            LEAD,
            mocked.Inngest(app_id="sales", is_production=False),
            step_stubs={"summarize": summary},
        )
    assert (result.status, result.output) == (mocked.Status.COMPLETED, summary)


Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
    Awaitable[None],
]


def _emptying_206(app: ASGIApp) -> ASGIApp:
    """A middleware around the app that answers every 206 with no steps: `[]`."""

    async def middleware(
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        status = 0

        async def write(out: Message) -> None:
            nonlocal status
            if out["type"] == "http.response.start":
                status = out["status"]
                if status == 206:
                    headers = [
                        (k, v) for k, v in out["headers"] if k != b"content-length"
                    ]
                    out = {**out, "headers": [*headers, (b"content-length", b"2")]}
            elif status == 206:
                out = {**out, "body": b"[]", "more_body": False}
            await send(out)

        await app(scope, receive, write)

    return middleware


def test_an_answer_with_no_step_leaves_nothing_to_call() -> None:
    served = kit.serve_functions(client, [lead_followup])
    executor = kit.Executor(TestClient(_emptying_206(served.client.app)), [])
    with pytest.raises(kit.KitError) as stopped:
        executor.run(lead_followup, LEAD)
    assert shown(stopped.value) == message("nothing-left")
    # The way in: send the request yourself and read the answer.
    status, _, body = executor.post(lead_followup.id, kit.request_body(LEAD))
    assert (status, body) == (206, [])
    status, _, body = served.post(lead_followup.id, kit.request_body(LEAD))
    assert status == 206
    assert [(op["op"], op["displayName"]) for op in body] == [
        ("WaitForEvent", "wait-reply")
    ]


def test_the_kits_error_is_a_failed_assertion() -> None:
    assert issubclass(kit.KitError, AssertionError)
    assert issubclass(kit.InngestVersionWarning, UserWarning)
