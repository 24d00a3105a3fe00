"""Every create_function option of the pinned SDK is shown on the improve guide."""

import inspect

import inngest

from docsite.paths import DOCS, SNIPPETS

PAGE = (DOCS / "guides" / "improve.md").read_text()
CODE = "\n".join(p.read_text() for p in (SNIPPETS / "guides" / "improve").glob("*.py"))


def test_every_create_function_option_is_used_in_the_guide() -> None:
    options = [
        name
        for name, param in inspect.signature(
            inngest.Inngest.create_function
        ).parameters.items()
        if param.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    assert len(options) >= 17, options
    undocumented = [name for name in options if f"{name}=" not in CODE]
    assert not undocumented, (
        f"create_function options the improve guide never shows: {undocumented}"
    )
    for module in {p.stem for p in (SNIPPETS / "guides" / "improve").glob("*.py")} - {
        "__init__"
    }:
        assert f'"guides/improve/{module}.py' in PAGE, f"{module}.py is not embedded"
