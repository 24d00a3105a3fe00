"""Check event names against the site's convention, in one name or a whole tree.

The convention: `<prefix>/<name>`, lowercase, words joined by `-`, and `.`
allowed between the parts of the name (`api/new-lead`, `app/user.created`).
The prefix says where the event comes from (`api`, `workflow`, a domain such
as `billing`).
"""

# --8<-- [start:rules]
import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

WORD = r"[a-z0-9]+(?:-[a-z0-9]+)*"
NAME = re.compile(rf"{WORD}/{WORD}(?:\.{WORD})*")


def problems(name: str) -> list[str]:
    """What is wrong with one event name (an empty list: nothing)."""
    if NAME.fullmatch(name):
        return []
    found = []
    if name.count("/") != 1:
        found.append("needs exactly one '/' between prefix and name")
    if name != name.lower():
        found.append("use lowercase only")
    if re.search(r"[_\s]", name):
        found.append("join words with '-', not '_' or spaces")
    return found or ["each part must be lowercase words joined by '-' or '.'"]


# --8<-- [end:rules]


# --8<-- [start:scan]
@dataclasses.dataclass(frozen=True)
class Use:
    """An event name written in the source, and where."""

    path: Path
    line: int
    name: str


def uses(source: str, path: Path) -> Iterator[Use]:
    """Names passed as a string literal to `event=`, `<anything>_event=`, or
    `Event(name=...)`: triggers, cancels, waits and sent events."""
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else None
        callee = callee or (node.func.id if isinstance(node.func, ast.Name) else "")
        for kw in node.keywords:
            named = kw.arg == "name" and callee == "Event"
            if kw.arg is None or not (
                named or kw.arg == "event" or kw.arg.endswith("_event")
            ):
                continue
            if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                yield Use(path, kw.value.lineno, kw.value.value)


def check_tree(root: Path) -> tuple[list[Use], list[str]]:
    """Every event name in the `.py` files under `root`, and what is wrong."""
    found = [
        use
        for path in sorted(root.rglob("*.py"))
        for use in uses(path.read_text(), path)
    ]
    errors = [
        f"{use.path}:{use.line}: {use.name!r}: {problem}"
        for use in found
        for problem in problems(use.name)
    ]
    return found, errors


# --8<-- [end:scan]
