"""hooks/handler_options.py: mkdocstrings' options are read without pydantic,
and pydantic stays importable for everything else."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from hooks import handler_options

# A module that, like mkdocstrings-python's options, uses `hidden` if it can.
PROBE = """
try:
    import hidden_dependency
    USES = "hidden_dependency"
except ImportError:
    USES = "stdlib"
"""


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "options_probe.py").write_text(PROBE)
    (tmp_path / "hidden_dependency.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("options_probe", "hidden_dependency"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return "options_probe"


def test_the_module_is_imported_without_the_hidden_one(probe: str) -> None:
    handler_options.import_without(probe, "hidden_dependency")
    assert sys.modules[probe].USES == "stdlib"
    assert "hidden_dependency" not in sys.modules  # importable again
    importlib.import_module("hidden_dependency")


def test_an_already_imported_hidden_module_is_put_back(probe: str) -> None:
    hidden_dependency = importlib.import_module("hidden_dependency")
    handler_options.import_without(probe, "hidden_dependency")
    assert sys.modules[probe].USES == "stdlib"
    assert sys.modules["hidden_dependency"] is hidden_dependency


def test_a_module_already_imported_is_left_as_it_is(probe: str) -> None:
    __import__(probe)
    handler_options.import_without(probe, "hidden_dependency")
    assert sys.modules[probe].USES == "hidden_dependency"


def test_on_startup_imports_the_options_module_without_it(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handler_options, "OPTIONS_MODULE", probe)
    monkeypatch.setattr(handler_options, "HIDDEN", "hidden_dependency")
    handler_options.on_startup(command="build", dirty=False)
    assert sys.modules[probe].USES == "stdlib"


def test_on_startup_hides_pydantic_from_the_handler_options() -> None:
    # A fresh interpreter: this test run may have imported the handler already.
    code = (
        "from hooks import handler_options as h\n"
        "h.on_startup(command='build', dirty=False)\n"
        "import pydantic.dataclasses as d, sys\n"
        "options = sys.modules[h.OPTIONS_MODULE].PythonOptions\n"
        "print(d.is_pydantic_dataclass(options))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
