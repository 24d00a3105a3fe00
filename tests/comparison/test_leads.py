"""The shared stand-ins: transient failures on demand, follow-ups claimed once."""

import datetime

import pytest

from snippets.comparison import leads


def test_a_failure_is_transient_and_recorded() -> None:
    leads.fail_next("send welcome")
    with pytest.raises(leads.TransientSendError, match="try again"):
        leads.send_message("lead-1", "welcome")
    assert leads.send_message("lead-1", "welcome") == "msg-1"
    assert leads.world.calls == ["send welcome", "send welcome"]
    assert leads.world.sent == [("lead-1", "welcome")]


def test_fail_next_fails_exactly_that_many_calls_of_that_action() -> None:
    leads.fail_next("note", times=2)
    leads.send_message("lead-1", "welcome")  # another action: not affected
    for _ in range(2):
        with pytest.raises(leads.TransientSendError, match="note"):
            leads.add_note("lead-1", "hello")
    leads.add_note("lead-1", "hello")
    assert leads.world.calls == ["send welcome", "note", "note", "note"]
    assert leads.world.notes == [("lead-1", "hello")]


def test_due_follow_ups_are_claimed_once_and_skip_replies() -> None:
    for lead_id in ("lead-1", "lead-2"):
        leads.open_reply_window(lead_id)
    leads.record_reply("lead-2")
    now = datetime.datetime.now(datetime.UTC)
    assert leads.claim_due_follow_ups(now) == []  # the 48 h are not over
    later = now + leads.REPLY_WINDOW + datetime.timedelta(seconds=1)
    assert leads.claim_due_follow_ups(later) == ["lead-1"]
    assert leads.claim_due_follow_ups(later) == []
    assert leads.has_replied("lead-2")


# --8<-- [start:boundary]
def test_a_follow_up_is_due_exactly_48_hours_after_the_window_opened() -> None:
    assert datetime.timedelta(hours=48) == leads.REPLY_WINDOW
    leads.open_reply_window("lead-1")
    opened = leads.world.window_opened["lead-1"]
    just_before = opened + leads.REPLY_WINDOW - datetime.timedelta(microseconds=1)
    assert leads.claim_due_follow_ups(just_before) == []
    assert leads.claim_due_follow_ups(opened + leads.REPLY_WINDOW) == ["lead-1"]


# --8<-- [end:boundary]
