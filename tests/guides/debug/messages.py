"""Read the catalogue's messages (snippets/guides/debug/messages.txt) by section."""

import re

from tests.site.sources import SNIPPETS

MESSAGES = SNIPPETS / "guides" / "debug" / "messages.txt"
_SECTION = re.compile(
    r"^# --8<-- \[start:(?P<name>[\w-]+)\]\n(?P<body>.*?)\n# --8<-- \[end:(?P=name)\]$",
    re.MULTILINE | re.DOTALL,
)


def all_messages() -> dict[str, str]:
    """Every section of messages.txt, name -> text (no trailing newline)."""
    found = {m["name"]: m["body"] for m in _SECTION.finditer(MESSAGES.read_text())}
    if not found:
        raise ValueError(f"{MESSAGES}: no '# --8<-- [start:NAME]' sections found")
    return found


def message(name: str) -> str:
    """The text of one section; KeyError names the file if it is missing."""
    messages = all_messages()
    if name not in messages:
        raise KeyError(f"{MESSAGES}: no section {name!r}; has {sorted(messages)}")
    return messages[name]


def lines(name: str) -> list[str]:
    return message(name).splitlines()
