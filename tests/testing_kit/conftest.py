"""The testing kit's fixtures: a second copy of the kit, imported as if
another release of inngest were installed."""

import importlib.util
import sys
import types
from collections.abc import Callable
from importlib import metadata

import pytest

import inngest_kit as kit

LoadCopy = Callable[..., types.ModuleType]


@pytest.fixture
def load_a_copy(monkeypatch: pytest.MonkeyPatch) -> LoadCopy:
    """Imports a second copy of the kit's file with the given version as the
    installed inngest (the kit checks it at import), as module `name`
    (the real kit's name for what a reader's traceback shows)."""

    def load(inngest: str, name: str = "inngest_kit_copy") -> types.ModuleType:
        real = metadata.version
        monkeypatch.setattr(
            metadata,
            "version",
            lambda name: inngest if name == "inngest" else real(name),
        )
        spec = importlib.util.spec_from_file_location(name, kit.__file__)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, module)  # for its dataclasses
        spec.loader.exec_module(module)
        return module

    return load
