from snippets.concepts.client import client


def test_the_client_is_in_dev_server_mode_under_inngest_dev() -> None:
    assert client.app_id == "concepts"
    assert client.is_production is False
