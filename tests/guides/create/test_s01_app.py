import fastapi

from snippets.guides.create.s01_app import app


def test_the_app_is_a_plain_fastapi_app() -> None:
    assert isinstance(app, fastapi.FastAPI)
