"""MkDocs hook: mkdocstrings' Python handler reads its options without pydantic.

mkdocstrings-python declares its options as pydantic dataclasses when pydantic
can be imported, to publish a JSON schema of them for editors; otherwise it
declares them with the standard library's dataclasses, its path for building
docs ("When building the docs to deploy them, Pydantic is not required
anymore", in its config module). pydantic is installed here only because the
Inngest SDK needs it, and building those schemas cost about 0.15 s CPU of
every build (issue 17, on a 3 s budget). So the handler's options module is
imported once with pydantic hidden; anything else imports pydantic as usual.
If the handler ever needs pydantic, the build fails loudly at this import.
"""

import importlib
import sys
from typing import Literal

OPTIONS_MODULE = "mkdocstrings_handlers.python._internal.config"
HIDDEN = "pydantic"


def import_without(module: str, hidden: str) -> None:
    """Import `module` (once) as if `hidden` were not installed."""
    if module in sys.modules:
        return
    saved = sys.modules.get(hidden)
    sys.modules[hidden] = None  # type: ignore[assignment]  # import fails
    try:
        importlib.import_module(module)
    finally:
        if saved is None:
            del sys.modules[hidden]
        else:
            sys.modules[hidden] = saved


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    import_without(OPTIONS_MODULE, HIDDEN)
