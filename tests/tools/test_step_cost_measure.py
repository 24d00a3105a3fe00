"""tools/step_cost: the runs it times really run, and the CLI writes what it says.

No timing is asserted here (timings belong in `make bench`): only that each
tool ran every step, and what the Inngest run sent.
"""

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docsite import step_cost
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


@pytest.mark.slow
def test_an_rq_chain_runs_every_job() -> None:
    assert measure.rq_once(3).cpu_ms > 0  # raises unless the last job finished


@pytest.mark.slow
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
    data.write_text(json.dumps(step_cost.load()))
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


@pytest.mark.slow
def test_a_quick_measurement_writes_data_the_report_accepts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    @contextlib.contextmanager
    def celery_runner() -> Iterator[Callable[[int], measure.Sample]]:
        # One Celery app per process (its task name is registered once): the
        # real chain is timed in test_a_celery_chain_runs_every_task.
        yield lambda steps: measure.Sample(cpu_ms=1.0, wall_ms=2.0)

    monkeypatch.setattr(measure, "celery_runner", celery_runner)
    data, chart = tmp_path / "data.json", tmp_path / "chart.svg"
    cli.main(["--quick", "--data", str(data), "--chart", str(chart)])
    measured = step_cost.load(data)
    assert set(measured["series"]) == {"inngest", "inngest-10kb", "celery", "rq"}
    assert [p["n"] for p in measured["series"]["rq"]["points"]] == [1, 5, 10]
    assert measured["machine"]["shared"] is True
    assert chart.read_text().startswith("<svg")
    assert f"data: {data}" in capsys.readouterr().out


def test_the_processor_falls_back_to_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(self: Path) -> str:
        raise OSError("no /proc here")

    monkeypatch.setattr(Path, "read_text", unreadable)
    assert cli.processor()


def test_a_run_that_does_not_finish_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(RuntimeError, match="rq chain of 0 jobs did not finish"):
        measure.rq_once(0)
    real = measure.step_function
    monkeypatch.setattr(
        measure,
        "step_function",
        lambda client, steps, out: real(client, steps + 1, out),
    )
    with (
        measure.inngest_runner(2) as once,
        pytest.raises(RuntimeError, match="inngest run of 2 steps"),
    ):
        once()


def test_a_celery_chain_that_never_finishes_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="celery chain of 3 did not finish"):
        measure.wait_for(threading.Event(), "celery chain of 3", timeout=0)
