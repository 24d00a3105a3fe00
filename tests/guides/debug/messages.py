"""Read the catalogue's messages (snippets/guides/debug/messages.txt) by section."""

from docsite.embeds import all_sections
from docsite.paths import SNIPPETS

MESSAGES = SNIPPETS / "guides" / "debug" / "messages.txt"


def all_messages() -> dict[str, str]:
    """Every section of messages.txt, name -> text (no trailing newline)."""
    return all_sections(MESSAGES)


def message(name: str) -> str:
    """The text of one section; KeyError names the file if it is missing."""
    messages = all_messages()
    if name not in messages:
        raise KeyError(f"{MESSAGES}: no section {name!r}; has {sorted(messages)}")
    return messages[name]


def lines(name: str) -> list[str]:
    return message(name).splitlines()
