"""make mutate: module mapping, the equivalents file, the report, one real run."""

import functools
import os
import pickle
from pathlib import Path

import cosmic_ray.mutating
import pytest
from cosmic_ray.ast import get_ast
from cosmic_ray.commands.init import _all_work_items
from cosmic_ray.mutating import mutate_code
from cosmic_ray.plugins import get_operator

from tools import mutate

ROOT = mutate.ROOT


@pytest.mark.parametrize(
    "name",
    [
        "guides/improve/invoke",
        "snippets/guides/improve/invoke.py",
        "snippets.guides.improve.invoke",
        "guides/improve/invoke.py",
    ],
)
def test_a_module_can_be_named_several_ways(name: str) -> None:
    assert mutate.module_path(name) == "snippets/guides/improve/invoke.py"


@pytest.mark.parametrize("name", ["inngest_kit", "inngest_kit.py"])
def test_the_kit_is_named_by_its_import_name(name: str) -> None:
    assert mutate.module_path(name) == "inngest_kit.py"


def test_an_unknown_module_is_a_clear_error() -> None:
    with pytest.raises(mutate.MutateError, match=r"MODULE=guides/nope: no file"):
        mutate.module_path("guides/nope")


def test_a_module_is_tested_by_the_test_modules_that_import_it() -> None:
    assert mutate.module_tests("snippets/guides/improve/invoke.py") == (
        "tests/guides/improve/test_invoke.py",
    )
    modules = mutate.all_modules()
    assert "inngest_kit.py" in modules
    assert not [m for m in modules if m.endswith(("__init__.py", "conftest.py"))]
    untested = [m for m in modules if not mutate.module_tests(m)]
    assert not untested, f"no test module imports {untested}"


def test_an_import_through_a_helper_beside_the_tests_counts(tmp_path: Path) -> None:
    (tmp_path / "tests" / "a").mkdir(parents=True)
    (tmp_path / "tests" / "a" / "samples.py").write_text("from snippets.a import b\n")
    (tmp_path / "tests" / "a" / "test_b.py").write_text(
        "from tests.a.samples import b\n"
    )
    (tmp_path / "tests" / "a" / "test_c.py").write_text("from . import samples\n")
    (tmp_path / "tests" / "a" / "test_d.py").write_text("import snippets.a.d\n")
    assert mutate.module_tests("snippets/a/b.py", tmp_path) == ("tests/a/test_b.py",)
    assert mutate.module_tests("snippets/a/d.py", tmp_path) == ("tests/a/test_d.py",)


@functools.cache
def _pickled_tree(source: str) -> bytes:
    return pickle.dumps(get_ast(source), protocol=pickle.HIGHEST_PROTOCOL)


def _fresh_tree(source: str) -> object:
    """What cosmic-ray's `get_ast` returns, parsed once per source: `mutate_code`
    parses the whole module again for each of its hundreds of mutants (and edits
    the tree it walks); a copy from a pickle costs a quarter of a parse."""
    return pickle.loads(_pickled_tree(source))


def test_the_kit_runs_its_own_tests_only() -> None:
    assert mutate.module_tests("inngest_kit.py") == mutate.KIT_TESTS
    assert all(t.startswith("tests/testing_kit/test_") for t in mutate.KIT_TESTS)
    assert all((ROOT / t).is_file() for t in mutate.KIT_TESTS)
    assert mutate.module_tests("snippets/testing_kit/examples.py") == (
        "tests/testing_kit/test_examples.py",
    )


def _mutants(module: str, lines: set[str]) -> set[mutate.Change]:
    """The mutants Cosmic Ray makes on these lines (only these: the kit alone
    has about a thousand, each a parse and an unparse)."""
    source = (ROOT / module).read_text()
    firsts = {line.split(" / ")[0] for line in lines}
    rows = {
        n for n, text in enumerate(source.splitlines(), 1) if text.strip() in firsts
    }
    changes = set()
    for item in _all_work_items([ROOT / module], {}):
        (spec,) = item.mutations
        if spec.start_pos[0] not in rows:
            continue
        operator = get_operator(spec.operator_name)(**spec.operator_args)
        mutated = mutate_code(source, operator, spec.occurrence)
        changes.add(mutate.describe(module, source, mutated))
    return changes


@pytest.mark.slow
def test_every_listed_equivalent_is_a_mutant_cosmic_ray_makes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cosmic_ray.mutating, "get_ast", _fresh_tree)
    listed = mutate.load_equivalents()
    assert listed, "the reviewed list is empty: is the file still read?"
    for module in sorted({e.change.module for e in listed}):
        made = _mutants(
            module, {e.change.line for e in listed if e.change.module == module}
        )
        stale = [
            e.change
            for e in listed
            if e.change.module == module and e.change not in made
        ]
        assert not stale, f"{mutate.EQUIVALENTS}: no such mutant any more: {stale}"


def test_reasons_are_not_repeated_boilerplate() -> None:
    for entry in mutate.load_equivalents():
        assert len(entry.reason) > 20, entry


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[equivalent]]\nmodule = 'x'", "#1 lacks line, mutant, reason"),
        ("[[equivalent", "not valid TOML"),
        (
            "[[equivalent]]\nmodule='snippets/no.py'\nline='a'\nmutant='b'\nreason='c'",
            "#1: no file snippets/no.py",
        ),
    ],
)
def test_a_bad_equivalents_file_names_itself_and_the_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "eq.toml"
    path.write_text(text)
    with pytest.raises(mutate.MutateError, match=message) as err:
        mutate.load_equivalents(path)
    assert str(err.value).startswith(str(path))


def test_a_change_is_the_line_before_and_after() -> None:
    source = "a = 1\nif a >= 2:\n    pass\n"
    change = mutate.describe("m.py", source, source.replace(">=", ">"))
    assert change == mutate.Change("m.py", "if a >= 2:", "if a > 2:")
    removed = mutate.describe("m.py", "@d\ndef f(): ...\n", "def f(): ...\n")
    assert (removed.line, removed.mutant) == ("@d", "")


def test_annotations_are_found_but_not_the_code_beside_them() -> None:
    source = "def f(x: int | None, y=1 | 2) -> str | None:\n    z: int | None = 3\n"
    spans = mutate.annotation_spans(source)
    assert sorted(spans) == [
        ((1, 9), (1, 19)),
        ((1, 33), (1, 43)),
        ((2, 7), (2, 17)),
    ]
    bar_of_default = (1, 25)
    assert not any(start <= bar_of_default < end for start, end in spans)


def _result(killed: int, survivors: int) -> mutate.ModuleResult:
    change = mutate.Change(
        "snippets/comparison/leads.py",
        "if opened + REPLY_WINDOW <= now and lead_id not in world.replied",
        "if opened + REPLY_WINDOW < now and lead_id not in world.replied",
    )
    survived = [mutate.Survivor(change, "core/ReplaceComparisonOperator_LtE_Lt", 76)]
    return mutate.ModuleResult(
        "snippets/comparison/leads.py", killed, survived * survivors
    )


def test_the_report_lists_survivors_and_checks_the_floor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert mutate.report([_result(36, 1)], floor=90, seconds=131, equivalents=[]) == 0
    shown = (ROOT / "snippets" / "contributing" / "survivor.txt").read_text()
    assert capsys.readouterr().out == shown
    assert mutate.report([_result(8, 1)], floor=90, seconds=131, equivalents=[]) == 1
    assert "below the floor of 90%" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks one pytest per mutant")
def test_a_real_run_kills_what_the_tests_check_and_reports_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    (tmp_path / "tests" / "demo").mkdir(parents=True)
    for package in ("snippets", "snippets/demo"):
        (tmp_path / package / "__init__.py").touch()
    (tmp_path / "snippets" / "demo" / "age.py").write_text(
        "def is_adult(age: int) -> bool:\n    return age >= 18\n"
    )
    (tmp_path / "tests" / "demo" / "test_age.py").write_text(
        "from snippets.demo.age import is_adult\n\n\n"
        "def test_adult() -> None:\n    assert is_adult(30)\n"
        "    assert not is_adult(3)\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\npythonpath = ["."]\n'
    )
    monkeypatch.setattr(mutate, "SESSIONS", tmp_path / ".mutate")
    monkeypatch.chdir(tmp_path)
    result = mutate.run_module("snippets/demo/age.py", [])
    assert result.errors == []
    assert result.annotations == 0
    survived = {s.change.mutant for s in result.survivors}
    # Never tried at 18 or 17: the boundary mutants survive, the rest die.
    assert survived == {"return age > 18", "return age >= 17", "return age >= 19"}
    assert result.killed > 0
    assert (tmp_path / ".mutate" / "snippets.demo.age.py.sqlite").is_file()
    run = mutate.Run.load(tmp_path / ".mutate" / "snippets.demo.age.py.json")
    assert run.result == result
    assert run.fingerprint == mutate.fingerprint("snippets/demo/age.py", [], tmp_path)
    assert run.commit == mutate.head_commit(ROOT) != "unknown"


def test_the_copy_leaves_out_the_built_site_but_not_tests_site(tmp_path: Path) -> None:
    for folder in ("site", "tests/site", ".venv", "tests/__pycache__"):
        (tmp_path / folder).mkdir(parents=True)
    root, tests = str(tmp_path), str(tmp_path / "tests")
    assert mutate.not_copied(root, root, ["site", ".venv", "tests"]) == {
        "site",
        ".venv",
    }
    assert mutate.not_copied(root, tests, ["site", "__pycache__"]) == {"__pycache__"}


def test_a_listed_mutant_that_no_longer_exists_fails_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    gone = mutate.Equivalent(
        mutate.Change("snippets/comparison/leads.py", "x = 1", "x = 2"), "was there"
    )
    assert mutate.report([_result(36, 0)], 90, 131, equivalents=[gone]) == 1
    assert "no such mutant any more in snippets/comparison/leads.py" in (
        capsys.readouterr().err
    )


def test_the_report_says_which_survivors_no_test_runs_and_what_selection_missed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = _result(36, 1)
    result.survivors[0].untested = True
    result.selection_missed = 2
    assert mutate.report([result], floor=90, seconds=131, equivalents=[]) == 0
    out = capsys.readouterr().out
    assert (
        "SURVIVED snippets/comparison/leads.py:76 "
        "(core/ReplaceComparisonOperator_LtE_Lt): no test runs this line\n"
    ) in out
    assert (
        "2 mutant(s) survived the tests that run their line but not the full test files"
    ) in out
