"""The contributing page names checks that exist."""

import re

from docsite.paths import DOCS, ROOT


def test_every_file_the_checks_table_names_exists() -> None:
    text = (DOCS / "contributing.md").read_text()
    named = re.findall(r"`((?:tests|snippets|hooks|tools)/[\w/.-]+\.\w+)`", text)
    assert len(named) >= 5, named
    missing = [path for path in named if not (ROOT / path).is_file()]
    assert not missing, f"docs/contributing.md names missing files: {missing}"
