from snippets.guides.create.s02_client import client


def test_inngest_dev_puts_the_client_in_dev_server_mode() -> None:
    assert client.app_id == "my-app"
    assert client.is_production is False
