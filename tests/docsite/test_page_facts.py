"""docsite/page_facts.py (and hooks/page_facts.py): a page's date is its newest
commit, or why there is none; with the tested SDK version, into its metadata."""

import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

from docsite import config, paths
from docsite import page_facts as page_dates
from hooks import page_facts as hook

BASES = config.load().snippet_bases


def test_page_date_counts_the_snippets_a_page_embeds() -> None:
    source = paths.DOCS / "quick-reference.md"
    found = page_dates.sources(source.read_text(), source, paths.ROOT, BASES)
    assert paths.SNIPPETS / "quick_reference/step_run.py" in found
    api = paths.DOCS / "testing-kit.md"
    found = page_dates.sources(api.read_text(), api, paths.ROOT, BASES)
    assert paths.ROOT / "inngest_kit.py" in found


def test_page_date_without_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert page_dates.last_changed([Path("docs/index.md")], paths.ROOT) == (
        page_dates.UNKNOWN_NO_GIT
    )


def test_page_date_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# Page\n")
    found = page_dates.last_changed([tmp_path / "page.md"], tmp_path)
    assert found == page_dates.UNKNOWN_NO_GIT


def test_page_date_in_a_shallow_clone(tmp_path: Path) -> None:
    # What CI may check out: one commit, no history.
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "1",
            f"file://{paths.ROOT}",
            str(tmp_path / "c"),
        ],
        check=True,
        capture_output=True,
    )
    clone = tmp_path / "c"
    date = page_dates.last_changed([clone / "docs" / "index.md"], clone)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), date
    (clone / "docs" / "new.md").write_text("# New\n")
    found = page_dates.last_changed([clone / "docs" / "new.md"], clone)
    assert found == page_dates.UNKNOWN_UNCOMMITTED


def test_a_generated_page_is_left_undated() -> None:
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=None), meta={})
    site = SimpleNamespace(config_file_path=str(paths.ROOT / "mkdocs.yml"))
    out = hook.on_page_markdown("x", page, site, None)  # type: ignore[arg-type]
    assert out == "x"
    assert page.meta == {}


def test_a_page_gets_its_date_and_the_sitemap_its_lastmod() -> None:
    source = paths.DOCS / "index.md"
    page = SimpleNamespace(
        file=SimpleNamespace(abs_src_path=str(source)), meta={}, update_date=None
    )
    site = SimpleNamespace(config_file_path=str(paths.ROOT / "mkdocs.yml"))
    hook.on_page_markdown(source.read_text(), page, site, None)  # type: ignore[arg-type]
    date = page.meta["last_changed"]
    assert date == git_date(source)
    assert page.meta["inngest_version"] == metadata.version("inngest")
    assert page.update_date == (date if re.fullmatch(r"[\d-]{10}", date) else None)


def git_date(source: Path) -> str:
    found = page_dates.sources(source.read_text(), source, paths.ROOT, BASES)
    return page_dates.last_changed(found, paths.ROOT)


def test_each_build_reads_the_history_again() -> None:
    git = shutil.which("git")
    assert git is not None
    page_dates.history(git, paths.ROOT)
    assert page_dates.history.cache_info().currsize >= 1
    config = object()
    assert hook.on_config(config) is config  # type: ignore[arg-type]
    assert page_dates.history.cache_info().currsize == 0


def test_the_extension_fills_the_page_zensical_hands_it() -> None:
    """Zensical keeps the page in a preprocessor named rendering_context; MkDocs
    has none, and the extension leaves the page alone."""
    import markdown  # type: ignore[import-untyped]

    class Context(markdown.preprocessors.Preprocessor):  # type: ignore[misc]
        page = SimpleNamespace(path="index.md", meta={"title": "Home"})

        def run(self, lines: list[str]) -> list[str]:
            return lines

    md = markdown.Markdown(extensions=["docsite.page_facts"])
    assert md.convert("text") == "<p>text</p>"  # no context: nothing to do
    context = Context(md)
    md.preprocessors.register(context, page_dates.CONTEXT, 0)
    md.reset().convert((paths.DOCS / "index.md").read_text())
    assert context.page.meta["last_changed"] == git_date(paths.DOCS / "index.md")
    assert context.page.meta["inngest_version"] == metadata.version("inngest")
    context.page.path = str(paths.DOCS / "index.md")  # an absolute path works too
    md.reset().convert("text")
