import inngest
import pytest

from inngest_kit import serve_functions
from snippets.quick_reference import errors
from snippets.quick_reference.client import client


def test_the_errors_import_from_the_top_level_package() -> None:
    names = vars(errors)
    assert names["NonRetriableError"] is inngest.NonRetriableError
    assert names["RetryAfterError"] is inngest.RetryAfterError
    assert names["StepError"] is inngest.StepError


def test_a_failed_step_raises_step_error_into_the_function(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def down(email: str) -> dict[str, object]:
        raise ConnectionError("enrichment API down")

    monkeypatch.setattr(errors, "lookup_company", down)
    run = serve_functions(client, [errors.enrich_contact]).run(
        errors.enrich_contact,
        inngest.Event(name="qr/contact.created", data={"email": "a@x.io"}),
    )
    assert run.output == {"enriched": False}
    assert [o.op for o in run.ops] == ["StepFailed"]
    assert run.ops[0].error["name"] == "ConnectionError"


def test_enrichment_succeeds_when_the_api_is_up() -> None:
    run = serve_functions(client, [errors.enrich_contact]).run(
        errors.enrich_contact,
        inngest.Event(name="qr/contact.created", data={"email": "a@x.io"}),
    )
    assert run.output == {"email": "a@x.io", "company": "x.io"}
