"""The server-behaviour form the contributing page shows is one a page may copy:
the block header the claims check looks for, a citation of Inngest's docs, and
a "Tested:" link to a test that exists (tests/docsite/test_claims.py checks every
page, and this file too, against the same rules)."""

import re

from docsite import placeholders
from docsite.paths import SNIPPETS

FORM = SNIPPETS / "contributing" / "server_behaviour.md"


def test_the_form_is_an_info_block_citing_inngest_docs() -> None:
    text = FORM.read_text()
    assert text.startswith('!!! info "Inngest server behaviour"\n'), text[:60]
    block = text.split("\n\n", 1)[0]
    assert re.search(r"\]\(https://www\.inngest\.com/docs/[\w/-]+\)", block), block


def test_the_tested_line_links_a_test_that_exists() -> None:
    tested = FORM.read_text().split("\n\n", 1)[1]
    assert tested.startswith("Tested: ")
    linked = placeholders.expand(tested, where=str(FORM), repo_url="https://x.test")
    assert re.search(r"/blob/main/tests/[\w/]+\.py#L\d+", linked), linked
