"""The step-cost data file and the figures pages show from it.

`{{ step-cost:table:tools }}`, `{{ step-cost:cell:inngest }}`,
`{{ step-cost:inngest:500:cpu }}`... (docsite/placeholders.py) become tables and
figures of docs/assets/step-cost.json, written by `make bench-steps`
(tools/step_cost/). Pure functions of the data (no measuring, no clock), so the
pages, the chart and the terminal table cannot disagree: tools/step_cost/report.py
draws the chart and the table from these.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docsite.paths import DOCS

DATA = DOCS / "assets" / "step-cost.json"

TOOLS = ("inngest", "celery", "rq")
SERIES = ("inngest", "inngest-10kb", "celery", "rq")
UNIT = {"inngest": "step", "inngest-10kb": "step", "celery": "task", "rq": "job"}
REQUIRED_VERSIONS = (
    "inngest",
    "fastapi",
    "starlette",
    "celery",
    "kombu",
    "rq",
    "fakeredis",
)
REQUIRED_MACHINE = ("cpus", "processor", "system", "python", "shared")
STATS = ("median", "min", "max")
# Figures a page can name: {{ step-cost:<series>:<n>:<figure> }}.
FIGURES = ("cpu", "cpu-per-step", "wall", "last-request", "last-request-cpu", "state")

Data = dict[str, Any]


class StepCostDataError(ValueError):
    """The data file is missing, malformed, or lacks a figure a page asks for."""


# --- Reading and checking ------------------------------------------------------


def load(path: Path = DATA) -> Data:
    """Read and check the data file; errors name the file and what is wrong."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise StepCostDataError(
            f"{path}: no step-cost data; run `make bench-steps`"
        ) from None
    except json.JSONDecodeError as err:
        raise StepCostDataError(f"{path}: not JSON ({err})") from None
    check(data, where=str(path))
    return data  # type: ignore[no-any-return]


def check(data: Any, *, where: str) -> None:
    """Raise `StepCostDataError` unless `data` has every part the site shows."""
    if not isinstance(data, dict):
        raise StepCostDataError(f"{where}: expected a JSON object")
    for key in ("measured_at", "command", "machine", "versions", "series"):
        if key not in data:
            raise StepCostDataError(f"{where}: missing {key!r}")
    machine, versions = data["machine"], data["versions"]
    missing = [k for k in REQUIRED_MACHINE if k not in machine]
    missing += [f"versions.{k}" for k in REQUIRED_VERSIONS if not versions.get(k)]
    if missing:
        raise StepCostDataError(f"{where}: missing {', '.join(missing)}")
    for name in SERIES:
        series = data["series"].get(name)
        if not series or not series.get("points"):
            raise StepCostDataError(f"{where}: no points for series {name!r}")
        for point in series["points"]:
            stats = point.get("cpu_ms", {})
            if "n" not in point or any(s not in stats for s in STATS):
                raise StepCostDataError(
                    f"{where}: series {name!r} has a point without n or "
                    f"cpu_ms median/min/max: {point}"
                )


def point(data: Data, series: str, n: int) -> dict[str, Any]:
    """The measured point for a run of `n` steps in `series`."""
    if series not in data["series"]:
        raise StepCostDataError(f"no series {series!r}; one of {', '.join(SERIES)}")
    for p in data["series"][series]["points"]:
        if p["n"] == n:
            return p  # type: ignore[no-any-return]
    measured = [p["n"] for p in data["series"][series]["points"]]
    raise StepCostDataError(
        f"series {series!r} has no run of {n}; measured: {measured}"
    )


# --- Formatting ----------------------------------------------------------------


def fmt_ms(ms: float) -> str:
    """Two significant figures: `0.52 ms`, `4.8 ms`, `290 ms`, `1.5 s`, `12 s`."""
    if ms >= 1000:
        seconds = ms / 1000
        return f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"
    if ms >= 100:
        return f"{round(ms, -1):.0f} ms"
    if ms >= 10:
        return f"{ms:.0f} ms"
    if ms >= 1:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


def fmt_bytes(size: int) -> str:
    """`487 B`, `10 KB`, `2.5 MB` (1 KB = 1024 B)."""
    if size < 1024:
        return f"{size} B"
    kb = size / 1024
    if kb < 1024:
        return f"{kb:.1f} KB" if kb < 10 else f"{kb:.0f} KB"
    mb = kb / 1024
    return f"{mb:.1f} MB" if mb < 10 else f"{mb:.0f} MB"


def figure(data: Data, series: str, n: int, name: str) -> str:
    """One figure as the pages print it (`name` is one of `FIGURES`)."""
    p = point(data, series, n)
    keys = {
        "cpu": "cpu_ms",
        "wall": "wall_ms",
        "last-request": "last_request_ms",
        "last-request-cpu": "last_request_cpu_ms",
    }
    if name == "cpu-per-step":
        return fmt_ms(p["cpu_ms"]["median"] / n)
    if name == "state" and p.get("last_request_bytes") is not None:
        return fmt_bytes(p["last_request_bytes"])
    if name in keys and p.get(keys[name]):
        return fmt_ms(p[keys[name]]["median"])
    if name not in FIGURES:
        raise StepCostDataError(f"unknown figure {name!r}; one of {', '.join(FIGURES)}")
    raise StepCostDataError(f"series {series!r} has no {name!r} figure")


def stat_range(stats: Mapping[str, float]) -> str:
    """`300 ms (270-360)` (an en dash); units repeated only where they differ."""
    median, low, high = (fmt_ms(stats[s]) for s in STATS)
    units = {text.split()[1] for text in (median, low, high)}
    if len(units) == 1:
        return f"{median} ({low.split()[0]}–{high.split()[0]})"
    return f"{median} ({low}–{high})"


def cell(data: Data, series: str) -> str:
    """The comparison table's per-step cost text for one tool."""
    unit = UNIT[series]
    ns = [p["n"] for p in data["series"][series]["points"]]
    shown = [n for n in (1, 100, 500) if n in ns] or ns[-1:]
    runs = ", ".join(
        f"{n} {unit}{'s' if n > 1 else ''}: {figure(data, series, n, 'cpu')}"
        for n in shown
    )
    last = shown[-1]
    return f"{runs}; {figure(data, series, last, 'cpu-per-step')} per {unit} at {last}"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table_tools(data: Data) -> str:
    """N against CPU per run, and per step, task or job, for the three tools."""
    header = ["N", "Inngest: app CPU per run", "per step"]
    header += ["Celery: CPU per run", "per task", "RQ: CPU per run", "per job"]
    lines = [_row(header), _row(["---:"] * len(header))]
    for n in _common_ns(data, TOOLS):
        cells = [str(n)]
        for tool in TOOLS:
            cells.append(stat_range(point(data, tool, n)["cpu_ms"]))
            cells.append(figure(data, tool, n, "cpu-per-step"))
        lines.append(_row(cells))
    return "\n".join(lines)


def table_inngest(data: Data) -> str:
    """The Inngest app side in detail, with trivial and with 10 KB outputs."""
    header = [
        "Steps",
        "App CPU per run",
        "Per step",
        "Last request: CPU (wall)",
        "State in the last request",
        "10 KB outputs: CPU per run",
        "10 KB outputs: state in the last request",
    ]
    big = {p["n"]: p for p in data["series"]["inngest-10kb"]["points"]}
    lines = [_row(header), _row(["---:"] * len(header))]
    for p in data["series"]["inngest"]["points"]:
        n = p["n"]
        row = [
            str(n),
            stat_range(p["cpu_ms"]),
            figure(data, "inngest", n, "cpu-per-step"),
            f"{figure(data, 'inngest', n, 'last-request-cpu')} "
            f"({figure(data, 'inngest', n, 'last-request')})",
            figure(data, "inngest", n, "state"),
        ]
        if n in big:
            row += [
                stat_range(big[n]["cpu_ms"]),
                figure(data, "inngest-10kb", n, "state"),
            ]
        else:
            row += ["not run", "not run"]
        lines.append(_row(row))
    return "\n".join(lines)


def machine(data: Data) -> str:
    """One sentence naming the machine, Python and the versions measured."""
    m, v = data["machine"], data["versions"]
    shared = " shared with other jobs" if m["shared"] else ""
    packages = ", ".join(f"{name} {v[name]}" for name in REQUIRED_VERSIONS)
    return (
        f"{m['cpus']} CPU cores{shared} ({m['processor']}), {m['system']}, "
        f"Python {m['python']}; {packages}; measured {data['measured_at']} "
        f"with `{data['command']}`"
    )


def _common_ns(data: Data, names: Sequence[str]) -> list[int]:
    sets = [{p["n"] for p in data["series"][name]["points"]} for name in names]
    return sorted(set.intersection(*sets))


def placeholder(name: str, data: Data) -> str:
    """What `{{ step-cost:<name> }}` becomes on a page.

    `table:tools`, `table:inngest`, `machine`, `cell:<series>`, or
    `<series>:<n>:<figure>` (see `FIGURES`).
    """
    kind, _, rest = name.partition(":")
    if kind == "table" and rest in ("tools", "inngest"):
        return table_tools(data) if rest == "tools" else table_inngest(data)
    if kind == "machine" and not rest:
        return machine(data)
    if kind == "cell" and rest in SERIES:
        return cell(data, rest)
    parts = name.split(":")
    if len(parts) == 3 and parts[1].isdigit():
        return figure(data, parts[0], int(parts[1]), parts[2])
    raise StepCostDataError(
        f"unknown step-cost placeholder {name!r}; use table:tools, table:inngest, "
        "machine, cell:<series> or <series>:<n>:<figure>"
    )
