"""Debian's chromium for playwright (its own browser download does not work here)."""

import os
from pathlib import Path

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def path() -> str:
    """CHROMIUM_PATH, default /usr/bin/chromium; FileNotFoundError says what to do."""
    found = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(found).is_file():
        raise FileNotFoundError(
            f"browser tests need chromium at {found}: `apt-get install chromium` "
            "(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium/Chrome binary"
        )
    return found
