"""tools/step_cost: the runs it times really run, and the CLI writes what it says.

No timing is asserted here (timings belong in `make bench`): only that each
tool ran every step, and what the Inngest run sent.
"""

import json
from pathlib import Path

import pytest

from tools.step_cost import __main__ as cli
from tools.step_cost import measure, report


def test_an_inngest_run_makes_one_request_per_step_plus_one() -> None:
    with measure.inngest_runner(3) as once:
        sample = once()
    assert sample.requests == 4
    assert sample.cpu_ms > 0
    assert sample.last_request_cpu_ms is not None
    assert sample.last_request_ms is not None
    assert sample.last_request_cpu_ms <= sample.cpu_ms


def test_the_state_sent_grows_with_the_outputs() -> None:
    sizes = {}
    for output_bytes in (0, 1000):
        with measure.inngest_runner(3, output_bytes) as once:
            sizes[output_bytes] = once().last_request_bytes
    assert sizes[0] is not None
    assert sizes[1000] is not None
    # Three stored outputs of 1000 characters, each a JSON string.
    assert sizes[1000] - sizes[0] == 3 * (1000 + 2) - 3 * len("null")


def test_an_rq_chain_runs_every_job() -> None:
    assert measure.rq_once(3).cpu_ms > 0  # raises unless the last job finished


def test_a_celery_chain_runs_every_task() -> None:
    with measure.celery_runner() as once:
        assert once(3).wall_ms > 0  # raises unless the last task ran


def test_repeats_are_fewer_for_big_runs() -> None:
    assert [cli.repeats(n) for n in cli.STEPS] == [5, 5, 5, 5, 3, 3, 3]


def test_a_point_summarizes_its_samples() -> None:
    samples = [
        measure.Sample(cpu_ms=c, wall_ms=2 * c, last_request_bytes=100, requests=4)
        for c in (3.0, 1.0, 2.0)
    ]
    point = cli._point(3, samples)
    assert point["cpu_ms"] == {"median": 2.0, "min": 1.0, "max": 3.0}
    assert point["wall_ms"]["median"] == 4.0
    assert (point["last_request_bytes"], point["requests"]) == (100, 4)
    assert "last_request_ms" not in point


def test_render_redraws_the_chart_from_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, chart = tmp_path / "data.json", tmp_path / "chart.svg"
    data.write_text(json.dumps(report.load()))
    cli.main(["--render", "--data", str(data), "--chart", str(chart)])
    assert chart.read_text() == report.CHART.read_text()
    out = capsys.readouterr().out
    assert out.startswith("machine: ")
    assert "inngest-10kb" in out


def test_the_pinned_sdk_copies_the_stored_results_on_every_replayed_step() -> None:
    """Why a call's cost grows faster than its number of steps (the page says so)."""
    from inngest._internal.step_lib.base import StepMemos

    stored: dict[str, object] = {"a": object(), "b": object(), "c": object()}
    memos = StepMemos(stored)  # type: ignore[arg-type]
    memos.pop("a")
    # Not a `del`: a new dict of the remaining results, built item by item.
    assert memos._memos is not stored
    assert list(memos._memos) == ["b", "c"]
    assert list(stored) == ["a", "b", "c"]


def test_the_pinned_sdk_offers_no_checkpointing() -> None:
    """The page says checkpointing is not an option in this Python SDK."""
    import inspect

    import inngest

    for callable_ in (inngest.Inngest, inngest.Inngest.create_function):
        assert "checkpointing" not in inspect.signature(callable_).parameters
    assert not [name for name in dir(inngest) if "checkpoint" in name.lower()]
