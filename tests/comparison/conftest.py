"""Every comparison test starts from an empty world and the real timings."""

import pytest

from snippets.comparison import leads


@pytest.fixture(autouse=True)
def fresh_world() -> None:
    leads.reset()
