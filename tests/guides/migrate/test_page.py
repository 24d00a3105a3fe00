"""The migration guide: the concept map covers Celery's and RQ's names, and every
row and every misleading name links the section that shows it."""

from pathlib import Path

import pytest

from tools.built_html import Cell, table_cells

CELERY_NAMES = [
    "@app.task",
    "chain",
    "group",
    "chord",
    "countdown=",
    "eta=",
    "celery beat",
    'rate_limit="10/s"',
    "autoretry_for",
    "max_retries",
    "retry_backoff",
    "revoke(task_id)",
    "result backend",
    "AsyncResult.get()",
    "task_routes",
    "Flower",
    "celery inspect",
    ".delay()",
    ".apply_async(",
    ".s()",
    "crontab(",
    "bind=True",
    "self.request.retries",
    "self.retry(",
    "time_limit",
    "soft_time_limit",
    "acks_late",
    "task_acks_late",
    "visibility timeout",
    "ignore_result",
    "result_expires",
]
RQ_NAMES = [
    "depends_on",
    "enqueue_in",
    "rq cron",
    "Retry(max=",
    "Retry(interval=",
    "job.cancel()",
    "rq info",
    "q.enqueue(",
    "job_timeout",
    "result_ttl",
    "failure_ttl",
    "rq-scheduler",
    "scheduler.cron(",
    "retries_left",
]


@pytest.fixture(scope="module")
def tables(built_site: Path) -> list[list[list[Cell]]]:
    page = built_site / "guides" / "migrate" / "index.html"
    return table_cells(page.read_text())


def table_headed(tables: list[list[list[Cell]]], *header: str) -> list[list[Cell]]:
    found = [t for t in tables if [c.text.strip() for c in t[0]] == list(header)]
    assert len(found) == 1, f"expected one table headed {' | '.join(header)}"
    return found[0][1:]


def test_the_concept_map_names_what_celery_and_rq_users_know(
    tables: list[list[list[Cell]]],
) -> None:
    rows = table_headed(tables, "Celery", "RQ", "Inngest", "Where")
    celery = " ".join(row[0].text for row in rows)
    rq = " ".join(row[1].text for row in rows)
    missing = [n for n in CELERY_NAMES if n not in celery]
    missing += [n for n in RQ_NAMES if n not in rq]
    assert not missing, f"names missing from the concept map: {missing}"


def test_every_concept_links_the_section_that_shows_it(
    tables: list[list[list[Cell]]],
) -> None:
    rows = table_headed(tables, "Celery", "RQ", "Inngest", "Where")
    bare = [row[0].text.strip() for row in rows if not row[3].links]
    assert not bare, f"concept map rows with no link: {bare}"


def test_every_misleading_name_links_its_section_on_this_page(
    tables: list[list[list[Cell]]],
) -> None:
    rows = table_headed(
        tables, "Celery or RQ", "Copied name for name", "What goes wrong", "Instead"
    )
    assert len(rows) == 5
    bare = [
        row[0].text.strip()
        for row in rows
        if not any(href.startswith("#") for href in row[3].links)
    ]
    assert not bare, f"misleading names with no section on this page: {bare}"
