"""The comparison page: every table cell is backed by a link, versions are real."""

from importlib import metadata
from pathlib import Path

import pytest

from tools.built_html import Cell, table_cells

TOOLS = ["Inngest", "Celery", "RQ"]
ROWS = [
    "Execution model",
    "Multi-step state",
    "Per-step retry",
    "Long sleeps",
    "Wait for an external event",
    "Cancellation",
    "Concurrency / rate limiting",
    "Scheduling / cron",
    "Fan-out",
    "Replay of failed work",
    "Observability",
    "Infrastructure you run",
    "Local development",
    "Offline testing",
    "Vendor / hosting dependence",
    "Maturity and ecosystem",
]
PINNED = {
    "Celery": (
        "https://docs.celeryq.dev/en/v{version}/",
        "https://github.com/celery/celery/blob/v{version}/",
    ),
    "RQ": ("https://github.com/rq/rq/blob/v{version}/",),
}


@pytest.fixture(scope="module")
def page(built_site: Path) -> str:
    return (built_site / "comparison" / "index.html").read_text()


@pytest.fixture(scope="module")
def table(page: str) -> list[list[Cell]]:
    found = [
        t
        for t in table_cells(page)
        if [c.text.strip() for c in t[0]] == ["Capability", *TOOLS]
    ]
    assert len(found) == 1, (
        "expected one table headed '| Capability | Inngest | Celery | RQ |'"
    )
    return found[0][1:]


def test_the_table_has_the_rows_the_issue_asks_for(table: list[list[Cell]]) -> None:
    labels = [row[0].text.strip() for row in table]
    missing = [label for label in ROWS if label not in labels]
    assert not missing, f"rows missing from the comparison table: {missing}"


def test_every_cell_links_to_its_evidence(table: list[list[Cell]]) -> None:
    bare = [
        f"{row[0].text.strip()} / {tool}"
        for row in table
        for tool, cell in zip(TOOLS, row[1:], strict=True)
        if not cell.links
    ]
    assert not bare, f"cells with no link to a test or to the docs: {bare}"


def test_celery_and_rq_docs_links_name_the_installed_version(
    table: list[list[Cell]],
) -> None:
    wrong = []
    for row in table:
        for tool, cell in zip(TOOLS, row[1:], strict=True):
            version = metadata.version(tool.lower())
            allowed = tuple(p.format(version=version) for p in PINNED.get(tool, ()))
            wrong += [
                f"{row[0].text.strip()} / {tool}: {href}"
                for href in cell.links
                if allowed and href.startswith("http") and not href.startswith(allowed)
            ]
    assert not wrong, f"external links not pinned to the installed version: {wrong}"


def test_versions_come_from_the_installed_packages(page: str) -> None:
    text = " ".join(page.split())
    for package in ("inngest", "celery", "rq", "fakeredis"):
        assert f"{package} {metadata.version(package)}" in text
