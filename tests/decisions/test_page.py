"""The decision tables: every row links to tested code; keys are the guide's own."""

import inspect
import re

import inngest
import pytest

from docsite.paths import DOCS, ROOT
from tests.guides.improve.expressions import guide_expressions

PAGE = (DOCS / "decisions.md").read_text()
TABLES = ["which-step", "which-flow-control", "which-error", "fan-out-invoke-parallel"]
SUMMARY = "inngest-celery-rq"
DEPLOY = "serve-or-connect"
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def table_rows(anchor: str) -> list[list[str]]:
    """Body rows (cells) of the table under the heading with this id."""
    heading = re.search(rf"^## .*\{{#{anchor}\}}$", PAGE, re.MULTILINE)
    assert heading, f"docs/decisions.md: no heading {{#{anchor}}}"
    rest = PAGE[heading.end() :].split("\n## ", 1)[0]
    lines = [line for line in rest.splitlines() if line.startswith("|")]
    assert len(lines) > 2, f"docs/decisions.md#{anchor}: no table"
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


@pytest.mark.parametrize("anchor", [*TABLES, SUMMARY, DEPLOY])
def test_every_row_links_to_a_section(anchor: str) -> None:
    for cells in table_rows(anchor):
        targets = LINK.findall(cells[-1])
        assert targets, f"decisions.md#{anchor}: row {cells[0]!r} links nowhere"
        for target in targets:
            assert "#" in target, f"{anchor}: {target} must point at a section"
            page = target.split("#")[0]
            assert (DOCS / page).is_file(), f"{anchor}: no page docs/{page}"


def test_code_rows_link_to_the_tested_guide() -> None:
    for anchor in TABLES:
        for cells in table_rows(anchor):
            assert "(guides/improve.md#" in cells[-1], (anchor, cells[0])


def test_flow_control_keys_are_the_ones_the_guide_registers() -> None:
    registered = {expression.source for expression, _ in guide_expressions()}
    options = set(inspect.signature(inngest.Inngest.create_function).parameters)
    rows = table_rows("which-flow-control")
    assert len(rows) == 10
    for problem, option, _excess, key, _link in rows:
        name = option.strip("`").split("=")[0]
        assert name in options, f"{problem!r}: {name} is not a create_function option"
        if key.startswith("`"):
            assert key.strip("`") in registered, f"{key} is not in a tested example"


def test_the_tables_are_public_anchors() -> None:
    public = (ROOT / "public-anchors.txt").read_text().splitlines()
    for anchor in [*TABLES, SUMMARY, DEPLOY]:
        assert f"decisions/#{anchor}" in public
