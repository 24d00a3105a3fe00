"""Guards on the sources: code lives in snippets/ and every snippet is shown
(that every line runs in a test is coverage's job: `fail_under = 100`)."""

import re
from pathlib import Path

import pytest

from docsite import embeds, markdown, paths


def test_no_python_typed_into_markdown() -> None:
    offenders = [
        f"docs/{paths.page_name(page)}:{line}"
        for page in paths.page_files()
        for line in markdown.python_fences_with_code(page)
    ]
    assert not offenders, (
        'python code blocks must embed a snippet (--8<-- "page/module.py:section"), '
        f"not contain code: {offenders}"
    )


@pytest.mark.parametrize("embed", list(embeds.site_embeds()), ids=lambda e: e.where())
def test_every_embed_resolves(embed: embeds.Embed) -> None:
    target = embeds.resolve(embed.path)
    assert target is not None, f"{embed.where()}: no such file snippets/{embed.path}"
    if embed.section is not None:
        names = embeds.sections(target)
        assert embed.section in names, (
            f"{embed.where()}: section {embed.section!r} not found; "
            f"{target.relative_to(paths.ROOT)} has {sorted(names)}"
        )


def test_every_snippet_module_is_on_a_page() -> None:
    embedded = {e.path for e in embeds.site_embeds()}
    documented = embeds.site_api_modules()
    missing = [
        str(path.relative_to(paths.ROOT))
        for path in paths.snippet_modules()
        if path.relative_to(paths.SNIPPETS).as_posix() not in embedded
        and paths.dotted(path) not in documented
        and not _is_package_plumbing(path)
    ]
    assert not missing, f"snippet modules no page embeds: {missing}"


def _is_package_plumbing(path: Path) -> bool:
    """`__init__.py` files of an app package are imported, not shown."""
    return path.name == "__init__.py"


def test_sections_are_balanced() -> None:
    for path in paths.snippet_modules():
        embeds.sections(path)  # raises with file and line


def test_annotation_markers_stand_alone_in_their_comment() -> None:
    # Material's "# (1)!" strips the whole comment it ends, so a comment before
    # the marker (e.g. "# type: ignore[...]  # (1)!") would vanish from the page
    # and from what the copy button copies.
    crowded = [
        f"{path.relative_to(paths.ROOT)}:{number}"
        for path in paths.snippet_modules()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"#[^#]*#\s*\(\d+\)!", line)
    ]
    assert not crowded, f"move the annotation marker to its own comment: {crowded}"
