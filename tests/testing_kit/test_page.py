"""The testing-kit page: its API reference shows what a reader imports, and
the links to the kit's download."""

import inspect
import re
from pathlib import Path

import pytest

import inngest_kit as kit
from docsite import sections
from docsite.embeds import all_sections
from docsite.paths import DOCS, ROOT, SNIPPETS
from docsite.search_records import article
from tools import built_html as html

KIT_NAME = re.compile(r"\bkit\.([A-Za-z_]\w*)")


def _public_members(cls: type) -> list[str]:
    """What a reader can use on a class: its fields, properties and methods."""
    names = set(getattr(cls, "__dataclass_fields__", {}))
    names |= {n for n, _ in inspect.getmembers(cls) if n in vars(cls)}
    init = vars(cls).get("__init__")
    if init is not None and not hasattr(cls, "__dataclass_fields__"):
        names |= set(re.findall(r"self\.([a-z]\w*) =", inspect.getsource(init)))
    return sorted(n for n in names if not n.startswith("_"))


def _documented_names() -> list[str]:
    out = []
    for name in kit.__all__:
        out.append(f"inngest_kit.{name}")
        value = getattr(kit, name)
        if inspect.isclass(value) and value.__module__ == "inngest_kit":
            out += [f"inngest_kit.{name}.{m}" for m in _public_members(value)]
    return out


@pytest.fixture(scope="module")
def api_ids(built_site: Path) -> set[str]:
    return html.parse(built_site / "testing-kit" / "index.html").ids


def test_the_api_reference_shows_every_public_name_under_its_import_name(
    api_ids: set[str],
) -> None:
    # mkdocstrings shows only what has a docstring: FakeInngestAPI.start(),
    # .events and .accept_at_most were missing.
    assert "inngest_kit" in api_ids  # `import inngest_kit`, the name readers use
    missing = [n for n in _documented_names() if n not in api_ids]
    assert not missing, missing
    for used in ("FakeInngestAPI.start", "FakeInngestAPI.events", "Executor.run"):
        assert f"inngest_kit.{used}" in api_ids


def test_every_name_the_examples_use_is_public() -> None:
    used = set()
    for path in [*SNIPPETS.rglob("*.py"), *DOCS.rglob("*.md")]:
        used |= set(KIT_NAME.findall(path.read_text()))
    used -= {"md"}  # "testing-kit.md"
    assert used <= set(kit.__all__), sorted(used - set(kit.__all__))


def test_all_lists_every_public_name_the_kit_defines() -> None:
    defined = {
        name
        for name, value in vars(kit).items()
        if not name.startswith("_")
        and (getattr(value, "__module__", None) == "inngest_kit" or name.isupper())
    }
    assert defined - {"Json"} <= set(kit.__all__), sorted(defined - set(kit.__all__))


@pytest.mark.parametrize("page", ["testing-kit.md", "guides/debug.md", "skill.md"])
def test_the_pages_that_teach_testing_link_the_download(page: str) -> None:
    depth = page.count("/")
    link = "../" * depth + "downloads/inngest_kit.py"
    assert f"]({link})" in (DOCS / page).read_text()


def test_the_site_serves_the_kit_itself(built_site: Path) -> None:
    served = built_site / "downloads" / "inngest_kit.py"
    assert served.read_bytes() == (ROOT / "inngest_kit.py").read_bytes()


# --- Messages from the kit ---------------------------------------------------------

MESSAGES = SNIPPETS / "testing_kit" / "messages.txt"
MESSAGE_NAMES = sorted(all_sections(MESSAGES))


def _messages_section() -> list[str]:
    """The lines of the page's "Messages from the kit" section."""
    lines = (DOCS / "testing-kit.md").read_text().splitlines()
    start = lines.index("## Messages from the kit {#messages}")
    end = next(
        (n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")),
        len(lines),
    )
    return lines[start:end]


def test_the_messages_file_has_every_message_the_kit_raises() -> None:
    assert len(MESSAGE_NAMES) == 9, MESSAGE_NAMES


@pytest.mark.parametrize("name", MESSAGE_NAMES)
def test_each_message_is_shown_in_the_messages_section(name: str) -> None:
    embed = f'--8<-- "testing_kit/messages.txt:{name}"'
    assert embed in _messages_section(), f"#messages does not embed {embed}"


@pytest.mark.parametrize("name", MESSAGE_NAMES)
def test_each_message_is_compared_with_what_the_kit_says(name: str) -> None:
    tests = (ROOT / "tests" / "testing_kit" / "test_messages.py").read_text()
    assert f'message("{name}")' in tests, (
        f"{MESSAGES}:{name}: no test in tests/testing_kit/test_messages.py reads it "
        "with message() to compare it with what the kit raised or warned"
    )


@pytest.mark.parametrize("name", MESSAGE_NAMES)
def test_each_message_is_in_the_entry_of_its_name(name: str, built_site: Path) -> None:
    # Search results link to a section: a pasted message lands on its entry.
    page = (built_site / "testing-kit" / "index.html").read_text()
    entries = {s.anchor: s for s in sections.split(article(page))}
    assert name in entries, f"no heading {{#{name}}} on the testing-kit page"
    assert entries[name].parents == ("Messages from the kit",)
    for line in all_sections(MESSAGES)[name].splitlines():
        assert line in sections.text(entries[name].html), line
