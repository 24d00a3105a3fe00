import inngest
import pytest

from inngest_kit import registered_config, serve_functions
from snippets.quick_reference import function_id
from snippets.quick_reference.client import client


def test_the_synced_id_is_app_id_dash_fn_id() -> None:
    config = registered_config(function_id.import_contacts)
    assert config["id"] == "quick-reference-import-contacts"
    assert config["name"] == "Import contacts from CSV"
    assert function_id.import_contacts.id == config["id"]


def test_import_contacts_runs_under_its_fn_id() -> None:
    run = serve_functions(client, [function_id.import_contacts]).run(
        function_id.import_contacts,
        inngest.Event(name="qr/contacts.uploaded", data={"file": "c.csv"}),
    )
    assert run.completed
    assert run.output is None


def test_a_misspelled_option_fails_at_once() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'id'"):
        client.create_function(id="x", trigger=inngest.TriggerEvent(event="qr/x"))  # type: ignore[call-arg]
