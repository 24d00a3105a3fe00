import dataclasses
import datetime

import pytest

from snippets.leadflow.settings import Settings, SettingsError

KEYS = {"INNGEST_SIGNING_KEY": "signkey-prod-00", "INNGEST_EVENT_KEY": "evt"}


@pytest.mark.parametrize("value", ["1", "true", "http://127.0.0.1:8288"])
def test_inngest_dev_selects_the_dev_server_and_needs_no_keys(value: str) -> None:
    settings = Settings.from_env({"INNGEST_DEV": value})
    assert settings.dev is True
    assert (settings.signing_key, settings.event_key) == (None, None)
    assert settings.reply_timeout == datetime.timedelta(hours=48)


@pytest.mark.parametrize("env", [{}, {"INNGEST_DEV": "0"}, {"INNGEST_DEV": "false"}])
def test_production_without_keys_names_what_is_missing(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env(env)
    assert "['INNGEST_SIGNING_KEY', 'INNGEST_EVENT_KEY']" in str(err.value)


def test_production_reads_both_keys_from_the_environment() -> None:
    settings = Settings.from_env({**KEYS, "LEADFLOW_REPLY_TIMEOUT_HOURS": "2"})
    assert settings.dev is False
    assert settings.signing_key == "signkey-prod-00"
    assert settings.event_key == "evt"
    assert settings.reply_timeout == datetime.timedelta(hours=2)


def test_one_missing_key_is_named() -> None:
    with pytest.raises(SettingsError, match=r"needs \['INNGEST_EVENT_KEY'\]"):
        Settings.from_env({"INNGEST_SIGNING_KEY": "signkey-prod-00"})


@pytest.mark.parametrize("hours", ["0", "1.5", "two", "-3"])
def test_a_bad_reply_timeout_is_rejected_with_its_value(hours: str) -> None:
    env = {"INNGEST_DEV": "1", "LEADFLOW_REPLY_TIMEOUT_HOURS": hours}
    with pytest.raises(SettingsError, match=f"got {hours!r}"):
        Settings.from_env(env)


def test_one_hour_is_the_shortest_reply_timeout() -> None:
    env = {"INNGEST_DEV": "1", "LEADFLOW_REPLY_TIMEOUT_HOURS": "1"}
    assert Settings.from_env(env).reply_timeout == datetime.timedelta(hours=1)


def test_settings_cannot_change_once_read() -> None:
    settings = Settings.from_env({"INNGEST_DEV": "1"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.dev = False  # type: ignore[misc]
