from snippets.guides.improve.client import client


def test_the_guide_client_is_in_dev_server_mode_in_tests() -> None:
    # tests/conftest.py sets INNGEST_DEV, as INNGEST_DEV=1 does on a laptop.
    assert client.app_id == "improve-guide"
    assert client.is_production is False
