import inngest

from snippets.quick_reference.client import client


def test_client_is_in_dev_server_mode_from_inngest_dev() -> None:
    # tests/conftest.py sets INNGEST_DEV to the fake API's URL, as `INNGEST_DEV=1`
    # (or a URL) does on a laptop: no keys, unsigned requests.
    assert isinstance(client, inngest.Inngest)
    assert client.app_id == "quick-reference"
    assert client.is_production is False
