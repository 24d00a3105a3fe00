"""docsite.paths: page names and snippet modules."""

from docsite import paths


def test_page_names_and_files() -> None:
    files = paths.page_files()
    assert paths.DOCS / "index.md" in files
    assert paths.page_name(paths.DOCS / "guides" / "create.md") == "guides/create.md"


def test_snippet_modules_skip_empty_package_files() -> None:
    modules = paths.snippet_modules()
    assert paths.SNIPPETS / "testing_kit" / "examples.py" in modules
    assert paths.SNIPPETS / "__init__.py" not in modules


def test_dotted() -> None:
    assert paths.dotted(paths.SNIPPETS / "a" / "b.py") == "snippets.a.b"
    assert paths.dotted(paths.SNIPPETS / "a" / "__init__.py") == "snippets.a"
