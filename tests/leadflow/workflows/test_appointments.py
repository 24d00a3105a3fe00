import inngest_kit as kit
from snippets.leadflow.events import AppointmentBooked
from snippets.leadflow.workflows.appointments import confirm_appointment
from tests.leadflow.samples import event


def test_a_booking_is_recorded_once_with_its_time(
    executor: kit.Executor, outbox: list[dict[str, str]]
) -> None:
    booking = event("workflow/confirm-appointment", AppointmentBooked)
    run = executor.run(confirm_appointment, booking)
    assert run.steps() == ["record-appointment"]
    assert [(m["kind"], m["text"]) for m in outbox] == [
        ("crm", "Appointment on 2030-01-07T10:00:00+00:00")
    ]
