"""The step-cost chart and terminal table, drawn from the data file.

The data file's checks and the figures pages show live in docsite/step_cost.py
(the site needs them at build time); `make bench-steps` (tools/step_cost/) writes
the data with `summarize` and draws the chart and the table from it here.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docsite.paths import DOCS
from docsite.step_cost import (
    SERIES,
    STATS,
    Data,
    figure,
    fmt_bytes,
    fmt_ms,
    machine,
    stat_range,
)

CHART = DOCS / "assets" / "step-cost.svg"


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
                f"{name:<14}{n:>6}{stat_range(p['cpu_ms']):>26}"
                f"{figure(data, name, n, 'cpu-per-step'):>11}"
                f"{fmt_ms(p['wall_ms']['median']):>11}"
                f"{fmt_ms(last['median']) if last else '-':>11}"
                f"{fmt_bytes(size) if size is not None else '-':>10}"
            )
    return "\n".join(lines)
