"""One license, MIT-0, said the same way everywhere a reader or a tool looks."""

import tomllib
from pathlib import Path

import yaml  # type: ignore[import-untyped]
from packaging.licenses import canonicalize_license_expression

from docsite.markdown import FRONT_MATTER
from docsite.paths import ROOT

SPDX_ID = "MIT-0"
GRANT = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy "
    'of this software and associated documentation files (the "Software"), to deal '
    "in the Software without restriction, including without limitation the rights "
    "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell "
    "copies of the Software, and to permit persons to whom the Software is furnished "
    "to do so."
)


def test_the_license_file_is_mit_no_attribution() -> None:
    words = " ".join((ROOT / "LICENSE").read_text().split())
    assert words.startswith("MIT No Attribution Copyright 20")
    assert GRANT in words
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in words
    # The condition of plain MIT that MIT-0 drops: copies need no notice.
    assert "shall be included in all copies" not in words


def test_the_package_metadata_names_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert canonicalize_license_expression(project["license"]) == SPDX_ID
    assert project["license-files"] == ["LICENSE"]


def test_the_skill_frontmatter_names_it() -> None:
    skill = (ROOT / "skills" / "inngest-workflow" / "SKILL.md").read_text()
    match = FRONT_MATTER.match(skill)
    assert match is not None
    assert yaml.safe_load(match["yaml"])["license"] == SPDX_ID


def test_every_page_footer_names_it(built_site: Path) -> None:
    for page in ("index.html", "guides/improve/index.html"):
        text = (built_site / page).read_text()
        footer = text[text.index("md-copyright__highlight") :]
        assert (
            f'<a href="https://spdx.org/licenses/{SPDX_ID}.html">{SPDX_ID}</a>'
            in (footer[: footer.index("</div>")])
        )
