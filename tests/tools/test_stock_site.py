"""tools/stock_site.py: the bench's baseline keeps this site's docs, nav and
Markdown extensions and drops everything the project adds."""

from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]

from docsite.paths import ROOT
from tools import stock_site

URL = "http://127.0.0.1:9/"


def test_the_stock_config_keeps_the_content_and_drops_the_project() -> None:
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=stock_site._Loader)
    config = stock_site.stock_config(URL)
    assert config["site_url"] == URL
    assert config["nav"] == ours["nav"]
    assert config["docs_dir"] == str(ROOT / "docs")
    assert config["theme"] == {"name": "material", "font": False}
    assert "hooks" not in config
    assert "extra_css" not in config
    assert "pymdownx.highlight" in config["markdown_extensions"]
    assert len(config["markdown_extensions"]) == len(ours["markdown_extensions"])
    assert config["plugins"][0] == "search"
    [mkdocstrings] = config["plugins"][1:]
    assert mkdocstrings["mkdocstrings"]["handlers"]["python"]["paths"] == [str(ROOT)]


def test_env_tags_take_the_first_variable_set_or_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def load(text: str) -> object:
        return yaml.load(text, Loader=stock_site._Loader)

    monkeypatch.delenv("STOCK_A", raising=False)
    monkeypatch.setenv("STOCK_B", "b")
    assert load("x: !ENV [STOCK_A, STOCK_B, fallback]") == {"x": "b"}
    assert load("x: !ENV [STOCK_A, fallback]") == {"x": "fallback"}
    assert load("x: !ENV STOCK_B") == {"x": "b"}
    assert load("x: !ENV STOCK_A") == {"x": None}
    assert load("x: !relative $config_dir/snippets") == {"x": str(ROOT / "snippets")}


def test_write_puts_a_loadable_config_in_the_project(tmp_path: Path) -> None:
    config = stock_site.write(tmp_path / "stock", URL)
    assert config == tmp_path / "stock" / "mkdocs.yml"
    assert yaml.safe_load(config.read_text()) == stock_site.stock_config(URL)
