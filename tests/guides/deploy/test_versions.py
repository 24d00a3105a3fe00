"""A run started under version 1 goes on under version 2: what runs again."""

import datetime
import logging
from collections.abc import Callable
from typing import Any

import inngest
import pytest

import inngest_kit as kit
from snippets.guides.deploy import versions
from tests.clock import wake_time

SIGNED_UP = inngest.Event(name="shop/user.signed-up", data={"email": "ada@example.com"})
ABANDONED = inngest.Event(
    name="shop/cart.abandoned", data={"items": ["boots", "hat", "socks"]}
)
BOOTS = frozenset({"boots"})
Version = Callable[[inngest.Inngest], inngest.Function[Any]]


def in_flight(
    version: Version,
    event: inngest.Event,
    stop_after: str,
) -> kit.Run:
    """Start a run under `version` and leave it in flight after `stop_after`."""
    client = inngest.Inngest(app_id="shop")
    fn = version(client)
    run = kit.serve_functions(client, [fn]).run(fn, event, stop_after=stop_after)
    assert run.status == "Running"
    return run


def deploy(
    version: Version,
    run: kit.Run,
    event: inngest.Event,
    middleware: list[type[inngest.Middleware]] | None = None,
) -> kit.Run:
    """Serve `version` instead, and let the in-flight run go on."""
    client = inngest.Inngest(app_id="shop", middleware=list(middleware or []))
    fn = version(client)
    return kit.serve_functions(client, [fn]).run(fn, event, resume=run)


class BeforeExecution(inngest.Middleware):
    """Counts the calls of the `before_execution` hook, as any middleware sees it."""

    calls = 0

    async def before_execution(self) -> None:
        BeforeExecution.calls += 1


def logged_after_deploy(
    version: Version, caplog: pytest.LogCaptureFixture
) -> tuple[list[str], int]:
    """Deploy `version` over a run sleeping under version 1: the `ctx.logger`
    lines of the rest of the run, and how often `before_execution` was called."""
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    caplog.clear()
    caplog.set_level(logging.INFO)
    BeforeExecution.calls = 0
    after = deploy(version, run, SIGNED_UP, middleware=[BeforeExecution])
    assert after.completed
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("inngest")]
    return lines, BeforeExecution.calls


def test_version_1_alone() -> None:
    client = inngest.Inngest(app_id="shop")
    fn = versions.version_1(client)
    run = kit.serve_functions(client, [fn]).run(fn, SIGNED_UP)
    assert run.steps() == ["create-account", "wait-a-day", "send-tips"]
    assert run.output == "tips sent to account for ada@example.com"


def test_a_run_sleeping_under_version_1() -> None:
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    assert run.steps() == ["create-account", "wait-a-day"]
    assert sorted(run.memos) == sorted(
        [kit.hashed_step_id("create-account"), kit.hashed_step_id("wait-a-day")]
    )


@pytest.mark.parametrize(
    "version",
    [
        versions.version_1,
        versions.renamed_step,
        versions.added_step,
        versions.reordered_steps,
    ],
)
def test_every_version_waits_a_day(
    version: Version, sdk_now: datetime.datetime
) -> None:
    run = in_flight(version, SIGNED_UP, stop_after="wait-a-day")
    [sleep] = [op for op in run.ops if op.op == "Sleep"]
    assert wake_time(sleep.name) - sdk_now == datetime.timedelta(days=1)


def test_unchanged_code_goes_on_where_it_stopped() -> None:
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    after = deploy(versions.version_1, run, SIGNED_UP)
    assert after.steps() == ["send-tips"]


def test_a_renamed_step_runs_again(caplog: pytest.LogCaptureFixture) -> None:
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    after = deploy(versions.renamed_step, run, SIGNED_UP)
    # The account is created a second time: a new id has no stored result.
    assert after.steps() == ["create-user", "send-tips"]
    assert after.completed
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_added_step_runs_late_for_runs_in_flight() -> None:
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    after = deploy(versions.added_step, run, SIGNED_UP)
    # verify-email was meant to run before the day's wait; here it runs after.
    assert after.steps() == ["verify-email", "send-tips"]


def test_an_added_step_runs_before_the_days_wait_in_new_runs() -> None:
    client = inngest.Inngest(app_id="shop")
    fn = versions.added_step(client)
    run = kit.serve_functions(client, [fn]).run(fn, SIGNED_UP)
    assert run.steps() == ["create-account", "verify-email", "wait-a-day", "send-tips"]


TIPS = "sending tips to account for ada@example.com"


@pytest.mark.parametrize(
    ("version", "logged"),
    [
        (versions.version_1, [TIPS]),
        (versions.added_step, [TIPS]),
        (versions.reordered_steps, [TIPS]),
        # A stored result the new code never reads again: silent to the end.
        (versions.renamed_step, []),
        (versions.removed_step, []),
    ],
)
def test_ctx_logger_stays_silent_while_a_stored_result_is_unread(
    version: Version, logged: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    lines, before_execution = logged_after_deploy(version, caplog)
    assert lines == logged
    # The same signal drives every middleware's before_execution hook: once per
    # request that reaches new code, or never.
    assert (before_execution > 0) == bool(logged)


def test_a_skipped_loop_item_silences_middleware_for_the_rest_of_the_run() -> None:
    run = in_flight(versions.reminders_by_item, ABANDONED, stop_after="remind-boots")
    BeforeExecution.calls = 0
    after = deploy(
        lambda c: versions.reminders_by_item(c, BOOTS),
        run,
        ABANDONED,
        middleware=[BeforeExecution],
    )
    assert after.steps() == ["remind-hat", "remind-socks"]
    assert BeforeExecution.calls == 0  # remind-boots is never read again
    # With positional ids every stored result is read again: the hook is called.
    run = in_flight(versions.reminders, ABANDONED, stop_after="remind")
    BeforeExecution.calls = 0
    deploy(lambda c: versions.reminders(c, BOOTS), run, ABANDONED, [BeforeExecution])
    assert BeforeExecution.calls > 0


def test_reordered_steps_reuse_their_results(caplog: pytest.LogCaptureFixture) -> None:
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    after = deploy(versions.reordered_steps, run, SIGNED_UP)
    assert after.steps() == ["send-tips"]  # both earlier results found by id
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_removed_step_is_skipped_and_its_result_ignored() -> None:
    run = in_flight(versions.version_1, SIGNED_UP, stop_after="wait-a-day")
    after = deploy(versions.removed_step, run, SIGNED_UP)
    assert after.steps() == ["send-tips"]
    assert after.output == "tips sent to account for ada@example.com"


def test_a_reused_id_in_a_loop_gets_a_counter() -> None:
    client = inngest.Inngest(app_id="shop")
    fn = versions.reminders(client)
    run = kit.serve_functions(client, [fn]).run(fn, ABANDONED)
    assert run.steps() == ["remind", "remind", "remind"]
    assert list(run.memos) == [
        kit.hashed_step_id("remind"),
        kit.hashed_step_id("remind", 1),  # "remind:1"
        kit.hashed_step_id("remind", 2),
    ]


def test_counters_bind_results_to_positions_not_items() -> None:
    run = in_flight(versions.reminders, ABANDONED, stop_after="remind")  # boots
    # Version 2 no longer reminds about boots: the positions shift.
    after = deploy(lambda c: versions.reminders(c, BOOTS), run, ABANDONED)
    # "remind" (position 0) was the boots reminder; hat gets that stored result.
    assert after.output == ["reminder for boots", "reminder for socks"]
    assert after.steps() == ["remind"]  # only socks (position 1) ran


def test_ids_made_from_the_item_keep_results_with_their_item() -> None:
    run = in_flight(versions.reminders_by_item, ABANDONED, stop_after="remind-boots")
    after = deploy(lambda c: versions.reminders_by_item(c, BOOTS), run, ABANDONED)
    assert after.output == ["reminder for hat", "reminder for socks"]
    assert after.steps() == ["remind-hat", "remind-socks"]
