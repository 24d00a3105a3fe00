"""docsite/step_cost.py (the data file's checks, figures and tables) and
tools/step_cost/report.py (the chart and the terminal table)."""

import copy
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from docsite import step_cost
from tools.step_cost import report

SVG = "{http://www.w3.org/2000/svg}"


def _point(n: int, cpu: float, **extra: Any) -> dict[str, Any]:
    stats = {"median": cpu, "min": cpu * 0.9, "max": cpu * 1.2}
    return {"n": n, "repeats": 3, "cpu_ms": stats, "wall_ms": dict(stats), **extra}


def _inngest(n: int, cpu: float, size: int) -> dict[str, Any]:
    last = {"median": 2.0, "min": 1.5, "max": 3.0}
    return _point(
        n,
        cpu,
        last_request_ms=last,
        last_request_cpu_ms={"median": 1.0, "min": 0.9, "max": 1.1},
        last_request_bytes=size,
        requests=n + 1,
    )


@pytest.fixture
def data() -> dict[str, Any]:
    return {
        "measured_at": "2026-12-02 04:30 UTC",
        "command": "make bench-steps",
        "machine": {
            "cpus": 2,
            "processor": "Test CPU",
            "system": "Linux 6 x86_64",
            "python": "3.11.7",
            "shared": True,
        },
        "versions": dict.fromkeys(step_cost.REQUIRED_VERSIONS, "1.0"),
        "series": {
            "inngest": {
                "label": "Inngest",
                "points": [
                    _inngest(1, 4.0, 487),
                    _inngest(100, 300.0, 10387),
                    _inngest(500, 6000.0, 50387),
                ],
            },
            "inngest-10kb": {
                "label": "Inngest 10 KB",
                "points": [_inngest(1, 5.0, 10_000), _inngest(100, 900.0, 1_040_000)],
            },
            "celery": {
                "label": "Celery",
                "points": [_point(1, 10.0), _point(100, 110.0), _point(500, 600.0)],
            },
            "rq": {
                "label": "RQ",
                "points": [_point(1, 25.0), _point(100, 800.0), _point(500, 4000.0)],
            },
        },
    }


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0.523, "0.52 ms"),
        (4.81, "4.8 ms"),
        (42.4, "42 ms"),
        (293.2, "290 ms"),
        (1520.0, "1.5 s"),
        (22742.0, "23 s"),
    ],
)
def test_times_print_with_two_significant_figures(ms: float, text: str) -> None:
    assert step_cost.fmt_ms(ms) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (487, "487 B"),
        (1387, "1.4 KB"),
        (100387, "98 KB"),
        (2584887, "2.5 MB"),
        (11 * 2**20, "11 MB"),
    ],
)
def test_sizes_print_in_binary_units(size: int, text: str) -> None:
    assert step_cost.fmt_bytes(size) == text


def test_summarize_keeps_median_min_and_max() -> None:
    assert report.summarize([3.0, 1.0, 2.0, 10.0]) == {
        "median": 2.5,
        "min": 1.0,
        "max": 10.0,
    }
    with pytest.raises(ValueError, match="no samples"):
        report.summarize([])


def test_the_comparison_cell_names_runs_and_the_per_step_cost(
    data: dict[str, Any],
) -> None:
    assert step_cost.cell(data, "inngest") == (
        "1 step: 4.0 ms, 100 steps: 300 ms, 500 steps: 6.0 s; 12 ms per step at 500"
    )
    assert step_cost.cell(data, "rq").endswith("4.0 s; 8.0 ms per job at 500")
    assert "1 task: 10 ms" in step_cost.cell(data, "celery")


def test_the_tools_table_has_a_row_per_common_n(data: dict[str, Any]) -> None:
    lines = step_cost.table_tools(data).splitlines()
    assert lines[0].startswith("| N | Inngest: app CPU per run | per step |")
    assert [line.split("|")[1].strip() for line in lines[2:]] == ["1", "100", "500"]
    assert lines[3] == (
        "| 100 | 300 ms (270–360) | 3.0 ms | 110 ms (99–130) | 1.1 ms "
        "| 800 ms (720–960) | 8.0 ms |"
    )


def test_the_inngest_table_marks_sizes_not_run(data: dict[str, Any]) -> None:
    rows = step_cost.table_inngest(data).splitlines()[2:]
    assert rows[1].endswith("| 900 ms (810 ms–1.1 s) | 1016 KB |")
    assert rows[2].endswith("| not run | not run |")
    assert "| 1.0 ms (2.0 ms) | 49 KB |" in rows[2]


def test_the_machine_sentence_names_cores_python_and_versions(
    data: dict[str, Any],
) -> None:
    sentence = step_cost.machine(data)
    assert sentence.startswith("2 CPU cores shared with other jobs (Test CPU)")
    assert "Python 3.11.7" in sentence
    assert all(f"{name} 1.0" in sentence for name in step_cost.REQUIRED_VERSIONS)
    data["machine"]["shared"] = False
    assert step_cost.machine(data).startswith("2 CPU cores (Test CPU)")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("inngest:500:cpu", "6.0 s"),
        ("inngest:500:cpu-per-step", "12 ms"),
        ("inngest:100:state", "10 KB"),
        ("inngest:100:last-request", "2.0 ms"),
        ("inngest:100:last-request-cpu", "1.0 ms"),
        ("celery:100:wall", "110 ms"),
        (
            "cell:rq",
            "1 job: 25 ms, 100 jobs: 800 ms, 500 jobs: 4.0 s; 8.0 ms per job at 500",
        ),
    ],
)
def test_placeholders_print_figures_from_the_data(
    data: dict[str, Any], name: str, text: str
) -> None:
    assert step_cost.placeholder(name, data) == text


def test_table_placeholders_are_the_tables(data: dict[str, Any]) -> None:
    assert step_cost.placeholder("table:tools", data) == step_cost.table_tools(data)
    assert step_cost.placeholder("table:inngest", data) == step_cost.table_inngest(data)
    assert step_cost.placeholder("machine", data) == step_cost.machine(data)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("inngest:250:cpu", r"no run of 250; measured: \[1, 100, 500\]"),
        ("nope:1:cpu", "no series 'nope'"),
        ("inngest:1:speed", "unknown figure 'speed'"),
        ("celery:1:state", "series 'celery' has no 'state' figure"),
        ("chart", "unknown step-cost placeholder 'chart'"),
        ("table:all", "unknown step-cost placeholder"),
    ],
)
def test_bad_placeholders_say_what_is_wrong(
    data: dict[str, Any], name: str, message: str
) -> None:
    with pytest.raises(step_cost.StepCostDataError, match=message):
        step_cost.placeholder(name, data)


def _without(data: dict[str, Any], *path: str) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return broken


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("machine",), "missing 'machine'"),
        (("machine", "cpus"), "missing cpus"),
        (("versions", "inngest"), "missing versions.inngest"),
        (("series", "rq"), "no points for series 'rq'"),
    ],
)
def test_incomplete_data_names_the_file_and_the_gap(
    data: dict[str, Any], tmp_path: Path, path: tuple[str, ...], message: str
) -> None:
    file = tmp_path / "step-cost.json"
    file.write_text(json.dumps(_without(data, *path)))
    with pytest.raises(step_cost.StepCostDataError, match=f"step-cost.json: {message}"):
        step_cost.load(file)


def test_a_point_without_stats_is_refused(data: dict[str, Any]) -> None:
    del data["series"]["celery"]["points"][0]["cpu_ms"]["max"]
    with pytest.raises(
        step_cost.StepCostDataError, match="'celery' has a point without"
    ):
        step_cost.check(data, where="x")


def test_missing_or_broken_files_say_so(tmp_path: Path) -> None:
    with pytest.raises(step_cost.StepCostDataError, match="run `make bench-steps`"):
        step_cost.load(tmp_path / "absent.json")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(step_cost.StepCostDataError, match=r"bad\.json: not JSON"):
        step_cost.load(tmp_path / "bad.json")
    (tmp_path / "list.json").write_text("[]")
    with pytest.raises(step_cost.StepCostDataError, match="expected a JSON object"):
        step_cost.load(tmp_path / "list.json")


def _polyline(root: ET.Element, series: str) -> list[tuple[float, float]]:
    group = root.find(f"{SVG}g[@data-series='{series}']")
    assert group is not None
    line = group.find(f"{SVG}polyline")
    assert line is not None
    return [
        (float(x), float(y))
        for x, y in (pair.split(",") for pair in line.attrib["points"].split())
    ]


def test_the_chart_is_log_log_with_a_line_per_series(data: dict[str, Any]) -> None:
    root = ET.fromstring(report.svg(data))
    inngest = _polyline(root, "inngest")
    assert len(inngest) == 3
    # x is log10(N): 1 -> 100 and 100 -> 10000 would be equal steps; here the
    # gap from 1 to 100 is two decades, from 100 to 500 log10(5) of one.
    (x1, y1), (x2, y2), (x3, y3) = inngest
    assert (x3 - x2) / (x2 - x1) == pytest.approx(math.log10(5) / 2, abs=0.01)
    # y is log10(ms), growing upwards: 4 ms -> 300 ms -> 6000 ms.
    ratio = (y2 - y3) / (y1 - y2)
    assert ratio == pytest.approx(math.log10(20) / math.log10(75), abs=0.01)
    assert {g.attrib["data-series"] for g in root.iter(f"{SVG}g")} == set(
        step_cost.SERIES
    )


def test_the_chart_labels_decades_and_describes_itself(data: dict[str, Any]) -> None:
    chart = report.svg(data)
    root = ET.fromstring(chart)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"1", "10", "100", "1000"} <= set(labels)
    assert {"1 ms", "10 ms", "100 ms", "1 s", "10 s"} <= set(labels)
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text is not None
    assert "Inngest: 4.0 ms at 1, 6.0 s at 500" in desc.text


def test_the_chart_requests_nothing(data: dict[str, Any]) -> None:
    chart = report.svg(data)
    assert not re.search(r"href|url\(|@import|<image|<script", chart)
    assert chart.count("http://") == 1  # the SVG namespace, never fetched
