import inngest

import inngest_kit as kit
from snippets.guides.create.s02_client import client
from snippets.guides.create.s03_first_function import say_hello


def test_the_function_greets_the_name_in_the_event() -> None:
    executor = kit.serve_functions(client, [say_hello])
    named = inngest.Event(name="app/hello.requested", data={"name": "Ada"})
    assert executor.run(say_hello, named).output == "Hello, Ada!"
    anonymous = inngest.Event(name="app/hello.requested")
    assert executor.run(say_hello, anonymous).output == "Hello, world!"


def test_its_full_id_is_prefixed_with_the_app_id() -> None:
    assert say_hello.id == "my-app-say-hello"
    assert kit.registered_config(say_hello)["triggers"] == [
        {"event": "app/hello.requested"}
    ]
