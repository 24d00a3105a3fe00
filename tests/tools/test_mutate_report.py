"""make mutate-report: the score from the recorded runs, each named with when
and where it ran; a module changed since its run, or never run, is not counted."""

import json
from pathlib import Path

import pytest

from tools import mutate

LEADS = "snippets/comparison/leads.py"
INVOKE = "snippets/guides/improve/invoke.py"


@pytest.fixture(autouse=True)
def sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(mutate, "SESSIONS", tmp_path)
    return tmp_path


def _record(module: str, killed: int, fingerprint: str | None = None) -> mutate.Run:
    change = mutate.Change(module, "x = 1", "x = 2")
    result = mutate.ModuleResult(
        module,
        killed=killed,
        survivors=[mutate.Survivor(change, "core/NumberReplacer", 7)],
        seconds=60.0,
    )
    run = mutate.Run(
        result,
        started="2026-12-02T07:00:00+00:00",
        commit="0a04609",
        fingerprint=fingerprint or mutate.fingerprint(module, [], mutate.ROOT),
    )
    run.save(mutate.session_path(module).with_suffix(".json"))
    return run


def test_a_record_reads_back_as_it_was_written() -> None:
    run = _record(LEADS, 9)
    assert mutate.Run.load(mutate.session_path(LEADS).with_suffix(".json")) == run


def test_a_broken_record_names_its_file(sessions: Path) -> None:
    path = sessions / "x.json"
    path.write_text('{"result": {}}')
    with pytest.raises(mutate.MutateError, match=r"x\.json: not a run record"):
        mutate.Run.load(path)


def test_the_fingerprint_covers_tests_conftest_and_equivalents(
    tmp_path: Path,
) -> None:
    for rel in (LEADS, "tests/comparison/test_leads.py", "tests/conftest.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("a = 1\n")
    test = tmp_path / "tests" / "comparison" / "test_leads.py"
    test.write_text("import snippets.comparison.leads\n")
    assert mutate.module_tests(LEADS, tmp_path) == ("tests/comparison/test_leads.py",)
    before = mutate.fingerprint(LEADS, [], tmp_path)
    listed = mutate.Equivalent(mutate.Change(LEADS, "a = 1", "a = 2"), "why")
    other = mutate.Equivalent(mutate.Change(INVOKE, "a = 1", "a = 2"), "why")
    assert mutate.fingerprint(LEADS, [other], tmp_path) == before
    assert mutate.fingerprint(LEADS, [listed], tmp_path) != before
    test.write_text("import snippets.comparison.leads\n\nb = 2\n")
    changed = mutate.fingerprint(LEADS, [], tmp_path)
    assert changed != before
    (tmp_path / "tests" / "conftest.py").write_text("a = 2\n")
    assert mutate.fingerprint(LEADS, [], tmp_path) != changed


def test_only_current_records_count_and_each_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _record(LEADS, 9)
    _record(INVOKE, 9, fingerprint="an older file")
    modules = [LEADS, INVOKE, "snippets/concepts/payments.py"]
    assert mutate.report_recorded(modules, [], floor=90) == 1
    out, err = capsys.readouterr()
    assert (
        f"{LEADS}: 9/10 killed, run 2026-12-02T07:00:00+00:00 at 0a04609 (60 s)\n"
    ) in out
    assert (
        f"NOT COUNTED {INVOKE}: the module, its tests or its equivalents changed "
        "since its run of 2026-12-02T07:00:00+00:00\n"
    ) in out
    assert (
        "NOT COUNTED snippets/concepts/payments.py: no complete run recorded\n" in out
    )
    assert (
        "From the recorded runs of 1 of 3 module(s), started between "
        "2026-12-02T07:00:00+00:00 and 2026-12-02T07:00:00+00:00; nothing was run now."
    ) in out
    assert "9/10 mutants killed: 90.0% (floor 90%) over 1 module(s) in 60 s" in out
    assert "2 module(s) not counted" in err


def test_every_module_current_and_over_the_floor_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _record(LEADS, 9)
    _record(INVOKE, 19)
    assert mutate.report_recorded([LEADS, INVOKE], [], floor=90) == 0
    assert "28/30 mutants killed: 93.3%" in capsys.readouterr().out
    assert mutate.report_recorded([LEADS], [], floor=95) == 1


def test_the_command_line_reports_without_running(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run_all(*args: object) -> None:
        raise AssertionError("--report runs nothing")

    monkeypatch.setattr(mutate, "run_all", run_all)
    monkeypatch.setattr(mutate, "load_equivalents", list)
    _record(LEADS, 9)
    assert mutate.main(["--report", "comparison/leads"]) == 0
    assert "9/10 mutants killed" in capsys.readouterr().out


def test_outside_git_the_commit_is_unknown(tmp_path: Path) -> None:
    assert mutate.head_commit(tmp_path) == "unknown"


def test_a_record_from_before_test_selection_still_reads(sessions: Path) -> None:
    run = _record(LEADS, 9)
    path = mutate.session_path(LEADS).with_suffix(".json")
    data = json.loads(path.read_text())
    del data["result"]["selection_missed"]
    for survivor in data["result"]["survivors"]:
        del survivor["untested"]
    path.write_text(json.dumps(data))
    assert mutate.Run.load(path) == run
