"""`make bench-steps`: measure, write docs/assets/step-cost.{json,svg}, print the table.

    python -m tools.step_cost             # measure everything (a few minutes)
    python -m tools.step_cost --dedicated # the same, on a machine doing nothing else
    python -m tools.step_cost --render    # only redraw the chart from the data file

Big runs get fewer repetitions: Inngest's app work grows with N squared, and a
run of 1000 steps takes the better part of a minute here.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from docsite import step_cost as data_file
from docsite.paths import ROOT
from tools.step_cost import measure, report

STEPS = (1, 10, 50, 100, 250, 500, 1000)
BIG_OUTPUT_STEPS = (1, 10, 50, 100, 250)
BIG_OUTPUT_BYTES = 10 * 1024
QUICK_STEPS = (1, 5, 10)
SHARED_NOTE = (
    "Figures taken on a shared machine: other jobs ran at the same time (see the "
    "load averages). CPU times hold up; wall times are inflated."
)


def repeats(n: int) -> int:
    """Repetitions for a run of n steps: 5 up to 100, then 3."""
    return 5 if n <= 100 else 3


def processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


FIELDS = {
    "n": "steps (Inngest), tasks in the chain (Celery) or jobs (RQ) in one run",
    "repeats": "runs measured; each figure is their median, min and max",
    "cpu_ms": (
        "Inngest: CPU time inside the app (thread CPU of the event loop, summed "
        "over the run's requests); Celery and RQ: CPU time of this process "
        "(worker, in-memory broker or fakeredis, and the producer)"
    ),
    "wall_ms": (
        "Inngest: wall time inside the app, summed over the run's requests; "
        "Celery and RQ: from sending the first task or job to the last one done"
    ),
    "last_request_ms": "Inngest: wall time of the last request (it returns the result)",
    "last_request_cpu_ms": "Inngest: app CPU time of the last request",
    "last_request_bytes": "Inngest: body of the last request (all stored step results)",
    "requests": "Inngest: requests in the run (steps + 1)",
}
NOT_MEASURED = [
    "the network round trip between the Inngest server and the app, per step",
    "Inngest's own queueing and scheduling, and the server's work",
    "Redis or RabbitMQ over a network (the brokers here run in this process)",
    "starting and stopping the Celery worker",
]


def machine(*, shared: bool) -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "processor": processor(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "shared": shared,
        "load_average_at_start": [round(x, 2) for x in load],
    }


def points(
    steps: Sequence[int], sample: Callable[[int], list[measure.Sample]]
) -> list[dict[str, Any]]:
    out = []
    for n in steps:
        samples = sample(n)
        out.append(_point(n, samples))
        cpu = out[-1]["cpu_ms"]["median"]
        print(f"  N={n:<5} {data_file.fmt_ms(cpu):>8} CPU/run", file=sys.stderr)
    return out


def _point(n: int, samples: list[measure.Sample]) -> dict[str, Any]:
    point: dict[str, Any] = {"n": n, "repeats": len(samples)}
    for field in ("cpu_ms", "wall_ms", "last_request_ms", "last_request_cpu_ms"):
        values = [getattr(s, field) for s in samples]
        if values[0] is not None:
            point[field] = report.summarize(values)
    for field in ("last_request_bytes", "requests"):
        value = getattr(samples[-1], field)
        if value is not None:
            point[field] = value
    return point


def inngest_samples(output_bytes: int, count: Callable[[int], int]) -> Any:
    def sample(n: int) -> list[measure.Sample]:
        with measure.inngest_runner(n, output_bytes) as once:
            if n <= 100:
                once()  # warm-up, not kept
            return [once() for _ in range(count(n))]

    return sample


def run(steps: Sequence[int], big: Sequence[int], count: Callable[[int], int]) -> Any:
    series: dict[str, Any] = {}
    print("inngest", file=sys.stderr)
    series["inngest"] = {
        "label": "Inngest, app side (trivial steps)",
        "output_bytes": 0,
        "points": points(steps, inngest_samples(0, count)),
    }
    print("inngest, 10 KB outputs", file=sys.stderr)
    series["inngest-10kb"] = {
        "label": "Inngest, app side (10 KB outputs)",
        "output_bytes": BIG_OUTPUT_BYTES,
        "points": points(big, inngest_samples(BIG_OUTPUT_BYTES, count)),
    }
    print("celery", file=sys.stderr)
    with measure.celery_runner() as celery_once:
        celery_once(10)  # warm-up, not kept
        series["celery"] = {
            "label": "Celery chain (worker + in-memory broker)",
            "points": points(
                steps, lambda n: [celery_once(n) for _ in range(count(n))]
            ),
        }
    print("rq", file=sys.stderr)
    measure.rq_once(10)  # warm-up, not kept
    series["rq"] = {
        "label": "RQ depends_on (SimpleWorker + fakeredis)",
        "points": points(
            steps, lambda n: [measure.rq_once(n) for _ in range(count(n))]
        ),
    }
    return series


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.step_cost")
    parser.add_argument("--render", action="store_true", help="only redraw the chart")
    parser.add_argument(
        "--dedicated",
        action="store_true",
        help="record that nothing else ran on the machine (default: shared)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny runs, for a smoke test"
    )
    parser.add_argument("--data", type=Path, default=data_file.DATA)
    parser.add_argument("--chart", type=Path, default=report.CHART)
    args = parser.parse_args(argv)

    if not args.render:
        started = time.perf_counter()
        shared = not args.dedicated
        steps = QUICK_STEPS if args.quick else STEPS
        big = QUICK_STEPS if args.quick else BIG_OUTPUT_STEPS
        count = (lambda n: 1) if args.quick else repeats
        data = {
            "measured_at": datetime.datetime.now(datetime.UTC).strftime(
                "%Y-%m-%d %H:%M UTC"
            ),
            "command": "make bench-steps",
            "machine": machine(shared=shared),
            "versions": {
                name: metadata.version(name) for name in data_file.REQUIRED_VERSIONS
            },
            "series": run(steps, big, count),
        }
        data["fields"] = FIELDS
        data["not_measured"] = NOT_MEASURED
        if shared:
            data["machine"]["note"] = SHARED_NOTE
        data["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        data["seconds"] = round(time.perf_counter() - started)
        data_file.check(data, where="measured data")
        args.data.write_text(_json(data))
    data = data_file.load(args.data)
    args.chart.write_text(report.svg(data))
    print(report.terminal_table(data))
    print(f"\ndata: {_shown(args.data)}\nchart: {_shown(args.chart)}")


def _json(data: Any) -> str:
    import json

    return json.dumps(data, indent=1) + "\n"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    main()
