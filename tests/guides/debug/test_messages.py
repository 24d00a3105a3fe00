"""The message catalogue (snippets/guides/debug/messages.txt): each message is
shown on the debug guide and compared with what the SDK really says."""

import re

import pytest

from docsite import embeds, paths
from tests.guides.debug.messages import MESSAGES, all_messages

NAMES = sorted(all_messages())
# The debug guide's tests, and the deploy guide's (its settings' messages).
HERE = [paths.TESTS / "guides" / "debug", paths.TESTS / "guides" / "deploy"]


def test_the_catalogue_has_messages() -> None:
    assert len(NAMES) >= 10, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_message_is_shown_on_the_debug_guide(name: str) -> None:
    shown = {
        e.section
        for e in embeds.site_embeds()
        if e.page == "guides/debug.md" and e.path == "guides/debug/messages.txt"
    }
    assert name in shown, f"docs/guides/debug.md does not embed {MESSAGES}:{name}"


@pytest.mark.parametrize("name", NAMES)
def test_each_message_is_compared_with_the_sdk(name: str) -> None:
    used = re.compile(rf'\b(?:message|lines)\("{re.escape(name)}"\)')
    tests = [
        t.name
        for folder in HERE
        for t in folder.glob("test_*.py")
        if used.search(t.read_text())
    ]
    assert tests, (
        f"{MESSAGES}:{name}: no test in tests/guides/debug or tests/guides/deploy "
        "reads it with message() or lines() to compare it with what the SDK says"
    )
