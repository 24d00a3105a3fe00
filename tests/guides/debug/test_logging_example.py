"""ctx.logger logs each line once per run; middleware sees every request."""

import logging

import inngest
import pytest
import uvicorn.config

import inngest_kit as kit
from snippets.guides.debug import logging_example as log
from snippets.guides.debug.app import client
from snippets.guides.deploy import observability


def test_ctx_logger_is_the_client_logger_and_skips_replays(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    event = inngest.Event(name="debug/log-order", data={"order_id": "o-7"})
    run = kit.serve_functions(client, [log.log_order]).run(log.log_order, event)
    assert run.requests == 2  # the function body ran twice...
    mine = [r for r in caplog.records if r.name == client.logger.name]
    # ...but each line was logged once: replayed code does not log again.
    assert [r.getMessage() for r in mine] == [
        "processing order o-7",
        "charged order o-7",
    ]
    assert client.logger.name == "inngest._internal.client_lib.client"


def test_uvicorn_leaves_the_client_logger_unconfigured() -> None:
    # uvicorn's default logging config sets up its own loggers and not the root:
    # the client's logger has no handler and no level, so INFO lines are dropped.
    assert set(uvicorn.config.LOGGING_CONFIG["loggers"]) == {
        "uvicorn",
        "uvicorn.error",
        "uvicorn.access",
    }
    assert "root" not in uvicorn.config.LOGGING_CONFIG
    logger = inngest.Inngest(app_id="fresh").logger
    assert isinstance(logger, logging.Logger)
    assert (logger.handlers, logger.level) == ([], logging.NOTSET)


def test_middleware_logs_every_request(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="shop.inngest")
    run = kit.serve_functions(log.logged_client, [log.two_steps]).run(
        log.two_steps, inngest.Event(name="debug/two-steps")
    )
    assert run.requests == 3
    lines = [r.getMessage() for r in caplog.records if r.name == "shop.inngest"]
    assert lines == [
        "inngest request: running new code",
        "inngest request: step first returned 'charged o-1'",
        "inngest request: running new code",
        "inngest request: step second returned 'charged charged o-1'",
        "inngest request: running new code",
        "inngest request: function returned 'charged charged o-1'",
    ]


def test_ctx_logger_is_a_filtering_proxy_not_a_logger(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The SDK's logging middleware hands out a proxy that is silent on replay."""
    seen: list[object] = []
    plain = logging.getLogger("shop.plain")

    @client.create_function(
        fn_id="logger-type", trigger=inngest.TriggerEvent(event="debug/log-type")
    )
    async def logger_type(ctx: inngest.Context) -> str:
        seen.append(ctx.logger)
        ctx.logger.info("proxy line")
        plain.info("plain line")
        return await ctx.step.run("charge", log.charge, "o-1")

    caplog.set_level(logging.INFO)
    run = kit.serve_functions(client, [logger_type]).run(
        logger_type, inngest.Event(name="debug/log-type")
    )
    assert run.requests == 2
    proxy = seen[0]
    assert not isinstance(proxy, logging.Logger)
    assert type(proxy).__name__ == "FilteredLogger"
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count("proxy line") == 1  # dropped during the replay
    assert messages.count("plain line") == 2  # a plain logger repeats


def test_ctx_logger_logs_again_on_a_retry(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The deploy guide's function (its `logger=`), whose step fails once."""
    client = observability.create_client()
    [charge_order] = observability.payment_functions(client)
    with caplog.at_level(logging.INFO, logger="shop.inngest"):
        run = kit.serve_functions(client, [charge_order]).run(
            charge_order,
            inngest.Event(name="shop/order.placed", data={"order_id": "o-1"}),
        )
    assert run.requests == 3  # the function body ran three times
    lines = [r.getMessage() for r in caplog.records if r.name == "shop.inngest"]
    # Logged on each attempt of the step (new code), skipped on the replay
    # that reads the step's stored failure.
    assert lines.count("charging order o-1") == 2
