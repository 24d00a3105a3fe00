"""overrides/ holds no copies of Material's templates, only blocks Material
documents for overriding; what site.js and the `scripts` block patch at run
time must still be in the installed theme, or the patch silently stops working."""

import importlib.util
import re
from pathlib import Path

from docsite import config
from docsite.paths import DOCS, MKDOCS_YML, ROOT

OVERRIDES = ROOT / "overrides"
_SPEC = importlib.util.find_spec("material")
assert _SPEC is not None
assert _SPEC.origin is not None
THEME = Path(_SPEC.origin).parent / "templates"
# Blocks Material's documentation lists under "Overriding blocks".
DOCUMENTED_BLOCKS = {
    "analytics",
    "announce",
    "config",
    "container",
    "content",
    "extrahead",
    "fonts",
    "footer",
    "header",
    "hero",
    "htmltitle",
    "libs",
    "outdated",
    "scripts",
    "site_meta",
    "site_nav",
    "styles",
    "tabs",
}
BLOCK = re.compile(r"{%-?\s*block\s+(\w+)")
EXTENDS = re.compile(r'{%-?\s*extends\s+"([^"]+)"')


def templates() -> dict[str, str]:
    return {
        p.relative_to(OVERRIDES).as_posix(): p.read_text()
        for p in sorted(OVERRIDES.rglob("*.html"))
    }


def test_no_partial_of_the_theme_is_replaced() -> None:
    assert set(templates()) == {"main.html", "404.html"}, (
        "overrides/ may only extend Material (main.html, 404.html): set an "
        "attribute from docs/assets/site.js instead of copying a partial"
    )


def test_overrides_extend_the_theme_and_use_documented_blocks() -> None:
    base = (THEME / "base.html").read_text()
    theme_blocks = set(BLOCK.findall(base))
    expected_parent = {"main.html": "base.html", "404.html": "main.html"}
    for name, text in templates().items():
        assert EXTENDS.findall(text) == [expected_parent[name]], name
        used = set(BLOCK.findall(text))
        assert used, f"{name} overrides no block"
        assert used <= DOCUMENTED_BLOCKS, f"{name}: {used - DOCUMENTED_BLOCKS}"
        assert used <= theme_blocks, (
            f"{name}: gone from the theme: {used - theme_blocks}"
        )


def test_what_site_js_patches_is_still_in_the_theme() -> None:
    partials = THEME / "partials"
    search = (partials / "search.html").read_text()
    assert (
        '<div class="md-search" data-md-component="search" role="dialog">' in search
    ), "Material's search dialog changed: check the aria-label site.js adds"
    progress = (partials / "progress.html").read_text()
    assert 'class="md-progress" data-md-component="progress" role="progressbar"' in (
        progress
    ), "Material's progress bar changed: check the role site.js removes"
    script = (DOCS / "assets" / "site.js").read_text()
    assert 'querySelector(".md-search")' in script
    assert 'querySelector(".md-progress")' in script


def test_the_source_component_the_scripts_block_disarms_is_still_in_the_theme() -> None:
    source = (THEME / "partials" / "source.html").read_text()
    assert 'class="md-source" data-md-component="source"' in source
    main = (OVERRIDES / "main.html").read_text()
    assert '"[data-md-component=source]"' in main
    base = (THEME / "base.html").read_text()
    scripts = base[base.index("{% block scripts %}") :]
    assert "bundle." in scripts, "Material's bundle left the scripts block"


def test_every_theme_feature_is_one_the_installed_theme_reads() -> None:
    """Material ignores a misspelled feature silently; `content.lazy` is read by
    its bundle but missing from its documentation, so an upgrade could drop it."""
    theme = [
        *(THEME / "assets" / "javascripts").glob("bundle.*.js"),
        *THEME.rglob("*.html"),
    ]
    read = "".join(p.read_text() for p in theme)
    features = config.read(MKDOCS_YML)["theme"]["features"]
    assert "content.lazy" in features
    unknown = [f for f in features if f'{f}"' not in read and f"{f}'" not in read]
    assert not unknown, f"mkdocs.yml theme.features the theme never reads: {unknown}"
