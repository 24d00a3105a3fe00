"""Requests as the Inngest server builds them: signatures, bearer tokens,
hashed step ids and execution request bodies."""

import inspect
import json
from typing import Any

import inngest
import pytest

import inngest_kit as kit

SIGNING_KEY = "signkey-test-" + "ab" * 32


def test_signature_is_accepted_by_a_production_app() -> None:
    client = inngest.Inngest(
        app_id="kit-prod", is_production=True, signing_key=SIGNING_KEY
    )

    @client.create_function(
        fn_id="hello", trigger=inngest.TriggerEvent(event="kit/hello")
    )
    async def hello(ctx: inngest.Context) -> str:
        return "hi"

    # A production app runs only correctly signed requests (the debug guide's
    # test shows the others refused): the kit's signature is accepted.
    signed = kit.serve_functions(client, [hello], signing_key=SIGNING_KEY)
    assert signed.run(hello, inngest.Event(name="kit/hello")).output == "hi"


def test_post_raw_sends_exactly_the_bytes_and_headers_given() -> None:
    client = inngest.Inngest(
        app_id="kit-raw", is_production=True, signing_key=SIGNING_KEY
    )

    @client.create_function(fn_id="hi", trigger=inngest.TriggerEvent(event="kit/hi"))
    async def hi(ctx: inngest.Context) -> str:
        return "hi"

    executor = kit.serve_functions(client, [hi])
    cases = kit.signature_cases(
        kit.request_body(inngest.Event(name="kit/hi")), SIGNING_KEY
    )
    answers = {
        case: executor.post_raw(hi.id, raw, headers)[0]
        for case, (raw, headers) in cases.items()
    }
    assert answers == {
        "signed": 200,
        "unsigned": 401,
        "wrong-key": 401,
        "tampered": 401,
    }


def test_the_signature_covers_the_canonical_form_not_the_bytes_sent() -> None:
    # The SDK canonicalizes the body it receives before it checks the signature
    # (validate_request_sig in inngest/_internal/net.py): a body sent
    # pretty-printed, signed over its canonical form, is accepted; signed over
    # the pretty-printed bytes, it is refused.
    client = inngest.Inngest(
        app_id="kit-canonical", is_production=True, signing_key=SIGNING_KEY
    )

    @client.create_function(fn_id="hi", trigger=inngest.TriggerEvent(event="kit/hi"))
    async def hi(ctx: inngest.Context) -> str:
        return "hi"

    executor = kit.serve_functions(client, [hi])
    body = kit.request_body(inngest.Event(name="kit/hi"))
    pretty = json.dumps(body, indent=2, sort_keys=False).encode()
    assert pretty != kit.canonical_json(body)

    def status(signed_over: bytes) -> int:
        headers = {
            "content-type": "application/json",
            "x-inngest-signature": kit.sign(signed_over, SIGNING_KEY),
        }
        return executor.post_raw(hi.id, pretty, headers)[0]

    assert status(kit.canonical_json(body)) == 200
    assert status(pretty) == 401


def test_sign_is_deterministic_for_a_timestamp() -> None:
    assert kit.sign(b"{}", "signkey-prod-00", unix_seconds=1) == kit.sign(
        b"{}", "00", unix_seconds=1
    )


def test_hashed_step_id_counts_repeats() -> None:
    assert kit.hashed_step_id("a") != kit.hashed_step_id("a", 1)
    assert kit.hashed_step_id("a", 1) == kit.hashed_step_id("a:1")
    assert len(kit.hashed_step_id("a")) == 40


def test_bearer_is_the_hash_the_sdk_sends() -> None:
    from inngest._internal import transforms

    assert kit.bearer(SIGNING_KEY) == transforms.hash_signing_key(SIGNING_KEY)
    assert kit.bearer("ab" * 32) == kit.bearer(SIGNING_KEY)


def test_signature_cases_sign_right_wrong_and_not_at_all() -> None:
    # What a production endpoint answers each case is the debug guide's test
    # (tests/guides/debug/test_production.py); here, that each case is built as named.
    body = kit.request_body(inngest.Event(name="kit/sig"))
    raw = kit.canonical_json(body)
    cases = kit.signature_cases(body, SIGNING_KEY)
    assert list(cases) == ["signed", "unsigned", "wrong-key", "tampered"]

    def signature(case: str) -> tuple[bytes, str, int]:
        sent, headers = cases[case]
        assert isinstance(headers, dict)
        assert headers["content-type"] == "application/json"
        header = str(headers["x-inngest-signature"])
        return sent, header, int(header.removeprefix("t=").split("&")[0])

    sent, header, ts = signature("signed")
    assert (sent, header) == (raw, kit.sign(raw, SIGNING_KEY, unix_seconds=ts))
    assert cases["unsigned"] == (raw, {"content-type": "application/json"})
    sent, header, ts = signature("wrong-key")
    assert sent == raw
    assert header != kit.sign(raw, SIGNING_KEY, unix_seconds=ts)
    sent, header, ts = signature("tampered")
    assert sent == kit.canonical_json({**body, "tampered": True})
    assert header == kit.sign(raw, SIGNING_KEY, unix_seconds=ts)
    # The "other" key differs from the real one whatever the real one ends with.
    zeros = "signkey-test-" + "00" * 32
    wrong = kit.signature_cases(body, zeros)["wrong-key"][1]
    assert wrong["x-inngest-signature"] != kit.sign(kit.canonical_json(body), zeros)


def test_canonical_json_sorts_keys_and_drops_spaces() -> None:
    assert kit.canonical_json({"b": 1, "a": [1, 2]}) == b'{"a":[1,2],"b":1}'


def test_request_body_defaults_to_a_first_attempt_with_no_memos() -> None:
    body = kit.request_body([inngest.Event(name="a"), inngest.Event(name="b")])
    assert body["ctx"]["attempt"] == 0
    assert body["ctx"]["max_attempts"] == kit.SERVER_DEFAULT_RETRIES + 1
    assert body["steps"] == {}
    assert [e["name"] for e in body["events"]] == ["a", "b"]
    assert body["event"]["name"] == "a"
    assert body["ctx"]["disable_immediate_execution"] is False  # steps may run at once


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("sign", ["unix_seconds"]),
        ("matches", ["event", "awaited"]),
        ("evaluate", ["event", "awaited"]),
        (
            "request_body",
            [
                "steps",
                "stack",
                "attempt",
                "max_attempts",
                "run_id",
                "disable_immediate_execution",
            ],
        ),
        ("serve_functions", ["signing_key", "raise_server_exceptions"]),
        ("Executor.__init__", ["signing_key", "serve_path"]),
        ("Executor.post", ["step"]),
        ("Executor.post_raw", ["step"]),
        ("Executor.run", ["waits", "max_requests", "stop_after", "resume"]),
    ],
)
def test_options_are_keyword_only_and_the_rest_can_be_named(
    name: str, options: list[str]
) -> None:
    fn: Any = kit
    for part in name.split("."):
        fn = getattr(fn, part)
    parameters = inspect.signature(fn).parameters.values()
    keyword_only = inspect.Parameter.KEYWORD_ONLY
    assert [p.name for p in parameters if p.kind is keyword_only] == options
    # None is positional-only: the documented names work in every call.
    assert {p.kind for p in parameters} <= {
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        keyword_only,
    }
