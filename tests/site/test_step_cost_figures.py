"""The step-cost figures: one data file behind the chart, the tables and the prose.

Checks the committed docs/assets/step-cost.json (machine and versions named),
that docs/assets/step-cost.svg is exactly what `make bench-steps` draws from it,
and that the built pages print the figures the data holds and no others.
"""

import re
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from docsite import step_cost
from tools import built_html
from tools.step_cost import report

TOOLS = {"Inngest": "inngest", "Celery": "celery", "RQ": "rq"}
ROW = "Per-step cost / throughput"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return step_cost.load()


def test_the_data_file_names_the_machine_and_the_versions(data: dict[str, Any]) -> None:
    machine = data["machine"]
    assert isinstance(machine["cpus"], int)
    assert machine["cpus"] > 0
    assert re.fullmatch(r"3\.\d+\.\d+", machine["python"])
    assert machine["processor"]
    assert isinstance(machine["shared"], bool)
    if machine["shared"]:
        assert "shared machine" in machine["note"]
    assert any("round trip" in item for item in data["not_measured"])
    # Measured with the versions this repository pins: re-run `make bench-steps`
    # after bumping one of them.
    for package in ("inngest", "celery", "kombu", "rq", "fakeredis"):
        assert data["versions"][package] == metadata.version(package), package


def test_the_data_covers_the_runs_the_pages_quote(data: dict[str, Any]) -> None:
    steps = [p["n"] for p in data["series"]["inngest"]["points"]]
    assert steps == [1, 10, 50, 100, 250, 500, 1000]
    for name in ("celery", "rq"):
        assert [p["n"] for p in data["series"][name]["points"]] == steps
    for p in data["series"]["inngest"]["points"]:
        assert p["requests"] == p["n"] + 1  # one per step, one that returns
        assert p["repeats"] >= 3


def test_the_chart_is_drawn_from_the_data_file(data: dict[str, Any]) -> None:
    assert report.CHART.read_text() == report.svg(data), (
        "docs/assets/step-cost.svg is not the chart of step-cost.json: "
        "run `python -m tools.step_cost --render`"
    )


@pytest.fixture(scope="module")
def comparison(built_site: Path) -> Path:
    return built_site / "comparison" / "index.html"


def test_the_chart_is_inline_on_the_comparison_page(
    comparison: Path, built_site: Path
) -> None:
    html = comparison.read_text()
    chart = report.CHART.read_text()
    # Inserted as it was drawn (its description and every line), so the page
    # loads nothing for it; the data file is one link away.
    assert chart.splitlines()[2] in html  # <desc> with the figures
    lines = [line for line in chart.splitlines() if line.startswith("<polyline")]
    assert len(lines) == len(step_cost.SERIES)
    assert all(line in html for line in lines)
    page = built_html.parse(comparison)
    assert not [r for r in page.resources if "step-cost" in r]
    assert "../assets/step-cost.json" in page.links
    published = built_site / "assets" / "step-cost.json"
    assert published.read_bytes() == step_cost.DATA.read_bytes()


def test_the_per_step_row_shows_the_data_and_no_other_number(
    comparison: Path, data: dict[str, Any]
) -> None:
    [table] = [
        t for t in built_html.tables(comparison) if t[0][:4] == ["Capability", *TOOLS]
    ]
    [row] = [r for r in table if r[0] == ROW]
    for text, series in zip(row[1:], TOOLS.values(), strict=True):
        figures = step_cost.cell(data, series)
        assert figures in text
        rest = text.replace(figures, "")
        assert not re.search(r"\d", rest), f"a number not from the data: {rest!r}"


def _markdown_rows(markdown: str) -> list[list[str]]:
    rows = [line.strip("|").split("|") for line in markdown.splitlines()]
    cells = [[" ".join(c.replace("`", "").split()) for c in r] for r in rows]
    return [r for r in cells if not set("".join(r)) <= set("-: ")]


@pytest.mark.parametrize("table", ["tools", "inngest"])
def test_the_method_tables_are_the_data_tables(
    comparison: Path, data: dict[str, Any], table: str
) -> None:
    expected = _markdown_rows(step_cost.placeholder(f"table:{table}", data))
    assert expected in built_html.tables(comparison)


def test_the_method_names_the_machine(comparison: Path, data: dict[str, Any]) -> None:
    text = " ".join(comparison.read_text().split())
    sentence = step_cost.machine(data).replace("`", "")
    assert sentence.split(";")[0] in text
    assert "make bench-steps" in text


def test_the_concepts_table_quotes_the_data(
    built_site: Path, data: dict[str, Any]
) -> None:
    page = built_site / "concepts" / "index.html"
    [table] = [t for t in built_html.tables(page) if t[0][0] == "Steps in the run"]
    figures = ("cpu", "cpu-per-step", "last-request-cpu", "state")
    for row in table[1:]:
        n = int(row[0])
        assert row[1:] == [step_cost.figure(data, "inngest", n, f) for f in figures]
