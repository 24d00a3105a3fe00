"""Use the checker in your own test suite."""

# --8<-- [start:usage]
from pathlib import Path

from .checker import check_tree


def assert_event_names(root: Path) -> None:
    """Fail with every bad name, its file and line; fail if none were found."""
    found, errors = check_tree(root)
    assert found, f"no event names found under {root}: wrong folder?"
    assert not errors, "\n".join(errors)


# In a test: assert_event_names(Path("src/app"))
# --8<-- [end:usage]
