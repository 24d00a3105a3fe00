"""The step-cost data file, and everything made from it: chart, tables, figures.

Pure functions of the data (no measuring, no clock), so the chart, the pages
and the terminal table cannot disagree: the site's `{{ step-cost:... }}`
placeholders and `make bench-steps` both call these.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "assets" / "step-cost.json"
CHART = ROOT / "docs" / "assets" / "step-cost.svg"

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


# --- Summaries -----------------------------------------------------------------


def summarize(values: Sequence[float]) -> dict[str, float]:
    """Median, min and max, in ms with 3 decimals (what the data file keeps)."""
    if not values:
        raise ValueError("no samples")
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


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


def _range(stats: Mapping[str, float]) -> str:
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
            cells.append(_range(point(data, tool, n)["cpu_ms"]))
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
            _range(p["cpu_ms"]),
            figure(data, "inngest", n, "cpu-per-step"),
            f"{figure(data, 'inngest', n, 'last-request-cpu')} "
            f"({figure(data, 'inngest', n, 'last-request')})",
            figure(data, "inngest", n, "state"),
        ]
        if n in big:
            row += [_range(big[n]["cpu_ms"]), figure(data, "inngest-10kb", n, "state")]
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


# --- The chart -----------------------------------------------------------------

WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 84, 24, 20, 56
STYLE = {
    # Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
    "inngest": ("#0072B2", "", "circle"),
    "inngest-10kb": ("#0072B2", "6 4", "square"),
    "celery": ("#D55E00", "", "diamond"),
    "rq": ("#009E73", "2 3", "triangle"),
}


def _decades(low: float, high: float) -> list[int]:
    return list(range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1))


def svg(data: Data) -> str:
    """A log-log chart of CPU per run against N, with min-max bars; no external refs."""
    points = {name: data["series"][name]["points"] for name in SERIES}
    ns = [p["n"] for pts in points.values() for p in pts]
    values = [p["cpu_ms"][s] for pts in points.values() for p in pts for s in STATS]
    xs, ys = _decades(min(ns), max(ns)), _decades(min(values), max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: float) -> float:
        return LEFT + (math.log10(n) - xs[0]) / (xs[-1] - xs[0]) * plot_w

    def y(ms: float) -> float:
        return TOP + plot_h - (math.log10(ms) - ys[0]) / (ys[-1] - ys[0]) * plot_h

    title = "CPU time per run against the number of steps (log-log)"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" style="max-width: 100%; height: auto" '
        'role="img" '
        'aria-labelledby="step-cost-title step-cost-desc" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" '
        'font-size="13">',
        f'<title id="step-cost-title">{title}</title>',
        f'<desc id="step-cost-desc">{escape(_description(data))}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for decade in xs:
        px = x(10**decade)
        out.append(_gridline(px, TOP, px, TOP + plot_h))
        out.append(_label(px, TOP + plot_h + 18, "middle", f"{10**decade:g}"))
    for decade in ys:
        py = y(10**decade)
        out.append(_gridline(LEFT, py, LEFT + plot_w, py))
        out.append(_label(LEFT - 8, py + 4, "end", _tick(10.0**decade)))
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
        'fill="#333333">steps (Inngest), tasks (Celery chain), jobs (RQ) per run</text>'
    )
    out.append(
        f'<text x="16" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
        f'fill="#333333" transform="rotate(-90 16 {TOP + plot_h / 2:.1f})">'
        "CPU per run (median, min–max)</text>"
    )
    for name in SERIES:
        colour, dash, marker = STYLE[name]
        pts = points[name]
        line = " ".join(f"{x(p['n']):.1f},{y(p['cpu_ms']['median']):.1f}" for p in pts)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="series" data-series="{name}">')
        out.append(
            f'<polyline points="{line}" fill="none" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        for p in pts:
            px = x(p["n"])
            low, high = y(p["cpu_ms"]["min"]), y(p["cpu_ms"]["max"])
            out.append(
                f'<line x1="{px:.1f}" y1="{low:.1f}" x2="{px:.1f}" y2="{high:.1f}" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
            out.append(_marker(marker, px, y(p["cpu_ms"]["median"]), colour))
        out.append("</g>")
    out.append(
        f'<rect x="{LEFT + 6}" y="{TOP + 6}" width="350" '
        f'height="{18 * len(SERIES) + 10}" fill="#ffffff" fill-opacity="0.9" '
        'stroke="#dddddd"/>'
    )
    for i, name in enumerate(SERIES):
        colour, dash, marker = STYLE[name]
        lx, ly = LEFT + 14, TOP + 24 + i * 18
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 28}" y2="{ly - 4}" '
            f'stroke="{colour}" stroke-width="2"{dashed}/>'
        )
        out.append(_marker(marker, lx + 14, ly - 4, colour))
        out.append(
            f'<text x="{lx + 36}" y="{ly}" fill="#222222">'
            f"{escape(data['series'][name]['label'])}</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _gridline(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        'stroke="#dddddd"/>'
    )


def _label(x: float, y: float, anchor: str, text: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
        f'fill="#333333">{escape(text)}</text>'
    )


def _tick(ms: float) -> str:
    """Axis labels: `1 ms`, `10 ms`, `100 ms`, `1 s`, `10 s`."""
    return f"{ms:g} ms" if ms < 1000 else f"{ms / 1000:g} s"


def _marker(kind: str, cx: float, cy: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}"/>'
    if kind == "square":
        return (
            f'<rect x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" '
            f'fill="#ffffff" stroke="{colour}" stroke-width="1.5"/>'
        )
    if kind == "diamond":
        corners = [(0, -4.5), (4.5, 0), (0, 4.5), (-4.5, 0)]
    else:
        corners = [(0, -4.5), (4.5, 3.5), (-4.5, 3.5)]
    shape = " ".join(f"{cx + dx:.1f},{cy + dy:.1f}" for dx, dy in corners)
    return f'<polygon points="{shape}" fill="{colour}"/>'


def _description(data: Data) -> str:
    parts = []
    for name in SERIES:
        pts = data["series"][name]["points"]
        first, last = pts[0], pts[-1]
        parts.append(
            f"{data['series'][name]['label']}: {fmt_ms(first['cpu_ms']['median'])} "
            f"at {first['n']}, {fmt_ms(last['cpu_ms']['median'])} at {last['n']}"
        )
    return "; ".join(parts) + "."


# --- The terminal table ----------------------------------------------------------


def terminal_table(data: Data) -> str:
    """What `make bench-steps` prints: every series, median (min-max)."""
    lines = [f"machine: {machine(data)}", ""]
    head = f"{'series':<14}{'N':>6}{'CPU/run':>26}{'per unit':>11}{'wall/run':>11}"
    head += f"{'last req':>11}{'state':>10}"
    lines += [head, "-" * len(head)]
    for name in SERIES:
        for p in data["series"][name]["points"]:
            n = p["n"]
            last = p.get("last_request_ms")
            size = p.get("last_request_bytes")
            lines.append(
                f"{name:<14}{n:>6}{_range(p['cpu_ms']):>26}"
                f"{figure(data, name, n, 'cpu-per-step'):>11}"
                f"{fmt_ms(p['wall_ms']['median']):>11}"
                f"{fmt_ms(last['median']) if last else '-':>11}"
                f"{fmt_bytes(size) if size is not None else '-':>10}"
            )
    return "\n".join(lines)
