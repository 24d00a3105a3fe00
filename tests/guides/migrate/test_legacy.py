"""The Celery task claims the lead before it acts, with the same claim as Inngest."""

from snippets.guides.migrate import leads, legacy


def test_the_first_task_for_a_lead_welcomes_it(fresh_db: leads.Database) -> None:
    # apply() runs the task here, as a worker would, without a broker.
    assert legacy.welcome.apply(("lead-1",), task_id="t-1").get() == "welcomed"
    assert fresh_db.owners == {"lead-1": "celery:t-1"}
    assert fresh_db.emails == [("lead-1", "welcome")]


def test_a_second_task_for_the_same_lead_does_nothing(
    fresh_db: leads.Database,
) -> None:
    legacy.welcome.apply(("lead-1",), task_id="t-1")
    assert legacy.welcome.apply(("lead-1",), task_id="t-2").get() == "duplicate"
    assert fresh_db.emails == [("lead-1", "welcome")]


def test_a_lead_inngest_claimed_first_is_left_alone(fresh_db: leads.Database) -> None:
    assert leads.claim("lead-1", "inngest:run-1")
    assert legacy.welcome.apply(("lead-1",), task_id="t-1").get() == "duplicate"
    assert fresh_db.emails == []
