"""tools/stock_site.py: the bench's baselines keep this site's docs, nav and
Markdown extensions and drop everything the project adds; the feature-equal one
keeps the theme settings a reader sees, and nothing else."""

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


def test_the_features_baseline_adds_only_what_a_reader_sees_of_the_theme() -> None:
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=stock_site._Loader)
    stock = stock_site.stock_config(URL)
    features = stock_site.stock_config(URL, baseline="features")
    assert features["theme"] == {
        "name": "material",
        "font": False,
        "features": ours["theme"]["features"],
        "palette": ours["theme"]["palette"],
        "icon": ours["theme"]["icon"],
    }
    assert "content.code.annotate" in features["theme"]["features"]
    added = {k: v for k, v in features.items() if stock.get(k) != v}
    assert set(added) == {"theme", "repo_url", "repo_name", "edit_uri"}
    assert "custom_dir" not in features["theme"]
    assert "extra_css" not in features
    assert "hooks" not in features


def test_an_unknown_baseline_is_named() -> None:
    with pytest.raises(
        ValueError, match=r"no baseline 'fancy': one of stock, features"
    ):
        stock_site.stock_config(URL, baseline="fancy")


def test_a_baseline_that_fails_to_build_is_named_with_mkdocs_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write(project: Path, site_url: str, baseline: str = "stock") -> Path:
        project.mkdir(parents=True)
        (project / "mkdocs.yml").write_text(f"site_name: {baseline}\ntheme: nonesuch\n")
        return project / "mkdocs.yml"

    monkeypatch.setattr(stock_site, "write", write)
    with pytest.raises(RuntimeError) as failed:
        stock_site.build(tmp_path, URL)
    message = str(failed.value)
    for name in stock_site.BASELINES:
        assert (
            f"the {name} baseline ({tmp_path / name / 'mkdocs.yml'}) failed" in message
        )
    assert "nonesuch" in message


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
