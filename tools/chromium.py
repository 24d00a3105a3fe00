"""The Chromium playwright drives: tools/browser.py finds it (never installs here:
`make test` runs `python -m tools.browser` first, which may download or install
one, and passes it on as CHROMIUM_PATH)."""

from tools import browser

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def path() -> str:
    """The browser's path; FileNotFoundError names every option and what to do."""
    return str(browser.find(browser.Host.this_machine()))
