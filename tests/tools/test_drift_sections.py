"""tools/drift_sections.py: the page sections whose claims a failing test backs."""

from docsite import paths
from tools import drift_sections

LIMITS = (
    "docs/testing-kit.md § Where each approach falls short "
    "(#where-each-approach-falls-short)"
)


def test_a_test_names_the_sections_that_show_its_snippets() -> None:
    assert drift_sections.sections_checked_by("tests.testing_kit.test_limits") == [
        LIMITS
    ]


def test_a_class_in_the_classname_is_the_same_file() -> None:
    classname = "tests.testing_kit.test_limits.TestSomething"
    assert drift_sections.test_file(classname) == (
        paths.ROOT / "tests" / "testing_kit" / "test_limits.py"
    )


def test_a_test_without_snippets_names_its_folders_page() -> None:
    by_folder = drift_sections.sections_checked_by("tests.testing_kit.test_conformance")
    assert by_folder == ["docs/testing-kit.md"]


def test_an_unknown_test_names_nothing() -> None:
    assert drift_sections.sections_checked_by("") == []
    assert drift_sections.sections_checked_by("tests.no_such.test_file") == []


def test_an_api_block_is_a_section_that_shows_its_module() -> None:
    kit = (paths.ROOT / "inngest_kit.py").resolve()
    assert "docs/testing-kit.md § API (#api)" in drift_sections.shown_in()[kit]


def test_headings_with_and_without_an_id() -> None:
    assert drift_sections.title("## Limits {#limits}") == "Limits (#limits)"
    assert drift_sections.title("### Plain words") == "Plain words"


def test_only_imports_of_snippet_modules_count() -> None:
    test = paths.ROOT / "tests" / "testing_kit" / "test_limits.py"
    found = drift_sections.imported_snippets(test)
    assert found == {(paths.SNIPPETS / "testing_kit" / "limits.py").resolve()}
