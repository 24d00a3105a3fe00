"""The migration check: the guide's functions pass, a name-for-name copy fails."""

import datetime

import inngest
import pytest

from snippets.guides.migrate import workflow
from snippets.guides.migrate.checks import assert_keeps_every_event

client = workflow.client
SECOND = datetime.timedelta(seconds=1)


@pytest.mark.parametrize(
    "fn", [workflow.nurture_lead, workflow.crm_add_note, workflow.note_reassignment]
)
def test_the_migrated_functions_run_once_per_event(
    fn: inngest.Function[str],
) -> None:
    assert_keeps_every_event(fn)


def _crm_function(fn_id: str, **options: object) -> inngest.Function[None]:
    @client.create_function(
        fn_id=fn_id,
        trigger=inngest.TriggerEvent(event="crm/note.requested"),
        **options,  # type: ignore[arg-type]
    )
    def crm_add_note(ctx: inngest.ContextSync) -> None:
        return None

    return crm_add_note


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            {"rate_limit": inngest.RateLimit(limit=10, period=SECOND)},
            "rateLimit skips events over the limit; Celery's rate_limit delays "
            "them: use throttle",
        ),
        (
            {"debounce": inngest.Debounce(period=SECOND)},
            "debounce runs once for a burst of events, with the last one",
        ),
        (
            {"singleton": inngest.Singleton(mode="skip")},
            "singleton skips (or cancels) a run while another one is active",
        ),
        (
            {"batch_events": inngest.Batch(max_size=10, timeout=SECOND)},
            "batchEvents runs once for a batch of events",
        ),
        (
            {"timeouts": inngest.Timeouts(start=SECOND)},
            "timeouts.start cancels a run that has not started in time",
        ),
    ],
)
def test_an_option_that_discards_events_fails_the_check(
    option: dict[str, object], message: str
) -> None:
    name = next(iter(option))
    fn = _crm_function(f"crm-add-note-with-{name.replace('_', '-')}", **option)
    with pytest.raises(AssertionError) as failure:
        assert_keeps_every_event(fn)
    assert str(failure.value).startswith(
        f"lead-nurture-crm-add-note-with-{name.replace('_', '-')} does not run "
        f"once per event: {message}"
    )


def test_the_check_names_every_option_it_finds() -> None:
    fn = _crm_function(
        "crm-add-note-with-both",
        rate_limit=inngest.RateLimit(limit=10, period=SECOND),
        debounce=inngest.Debounce(period=SECOND),
    )
    with pytest.raises(AssertionError, match=r"rateLimit .*; debounce "):
        assert_keeps_every_event(fn)


def test_a_finish_timeout_and_idempotency_pass_the_check() -> None:
    fn = _crm_function(
        "crm-add-note-with-finish",
        timeouts=inngest.Timeouts(finish=SECOND),
        idempotency="event.data.lead_id",
    )
    assert_keeps_every_event(fn)
