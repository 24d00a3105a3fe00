"""Build the agent skill (SKILL.md + reference files) from the site's own pages.

The seed of this site is an agent "skill" whose code was never run. This hook
rebuilds that skill from the tested pages: every code block in it is a snippet
section the test suite executes, inserted here exactly as the site embeds it.

- As a MkDocs hook it adds `downloads/inngest-workflow-skill.zip` to the site.
- `python -m hooks.skill_export OUT_DIR` (or `make skill`) writes the folder.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import sys
import textwrap
import urllib.parse
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as a package
    sys.path.insert(0, str(ROOT))

from hooks import placeholders  # noqa: E402

DOCS = ROOT / "docs"
BASES = (ROOT / "snippets", ROOT)
HEADER = Path(__file__).with_name("skill_header.md")
ZIP_URI = "downloads/inngest-workflow-skill.zip"
# Used by `make skill`; a site build passes its own site_url and repo_url.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
REPO_URL = os.environ.get(
    "REPO_URL", "https://github.com/inngest-fastapi-docs/inngest-fastapi-docs"
)

# Skill file -> the site pages it is made of, in order.
MANIFEST: dict[str, list[str]] = {
    "SKILL.md": [
        "concepts.md",
        "quick-reference.md",
        "decisions.md",
        "event-naming.md",
        "patterns/genie-iq.md",
    ],
    "inngest-create.md": ["guides/create.md"],
    "inngest-improve.md": ["guides/improve.md"],
    "inngest-debug.md": ["guides/debug.md", "corrections.md"],
}
# Reference files as SKILL.md lists them: file -> (task, description).
REFERENCES = {
    "inngest-create.md": (
        "Create",
        "Building workflows from scratch: project setup, function creation, "
        "step chaining, event design",
    ),
    "inngest-improve.md": (
        "Improve",
        "Enhancing existing workflows: wait_for_event, cancellation, flow control, "
        "fan-out, failure handling",
    ),
    "inngest-debug.md": (
        "Debug",
        "Troubleshooting: Dev Server, error catalogue, logging, testing strategies",
    ),
}

EMBED = re.compile(
    r'^(?P<indent>\s*)-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$'
)
MARKER = re.compile(r"#\s*--8<--\s*\[(start|end):[\w-]+\]")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
HEADING_ID = re.compile(
    r"^(?P<heading>#{1,6} .*?)[ \t]*\{\s*#(?P<id>[\w-]+)[^}]*\}[ \t]*$", re.MULTILINE
)
LINK = re.compile(r"\]\((?P<target>[^)\s#]+\.md)?(?P<fragment>#[^)\s]*)?\)")
ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>\w+)(?:\s+"(?P<title>[^"]*)")?\s*$'
)


class SkillError(Exception):
    """A page cannot be exported (missing page, file or section)."""


def section(path: str, name: str | None) -> list[str]:
    """A snippet section (or whole file) as pymdownx.snippets embeds it."""
    file = next((b / path for b in BASES if (b / path).is_file()), None)
    if file is None:
        raise SkillError(f"snippet file {path!r} not found")
    lines = file.read_text().splitlines()
    if name is not None:
        start = f"[start:{name}]"
        end = f"[end:{name}]"
        try:
            first = next(i for i, line in enumerate(lines) if start in line)
            last = next(i for i, line in enumerate(lines) if end in line)
        except StopIteration:
            raise SkillError(f"section {name!r} not found in {path}") from None
        lines = lines[first + 1 : last]
    kept = [line for line in lines if not MARKER.search(line)]
    return textwrap.dedent("\n".join(kept)).strip("\n").splitlines()


def render_page(page: str, links: dict[str, str], site_url: str, repo_url: str) -> str:
    """One page as plain Markdown: embeds resolved, Material syntax simplified."""
    source = DOCS / page
    if not source.is_file():
        raise SkillError(f"page {page!r} is in the skill manifest but not in docs/")
    text = FRONT_MATTER.sub("", source.read_text())
    try:
        text = placeholders.expand(text, where=page, repo_url=repo_url)
    except placeholders.PlaceholderError as err:
        raise SkillError(str(err)) from None
    out: list[str] = []
    for line in text.splitlines():
        embed = EMBED.match(line)
        if embed:
            indent = embed["indent"]
            out += [
                indent + code if code else ""
                for code in section(embed["path"], embed["section"])
            ]
        else:
            out.append(line)
    body = _admonitions("\n".join(out))
    # Keep the site's stable anchors working in any Markdown viewer.
    body = HEADING_ID.sub(r'<a id="\g<id>"></a>\n\n\g<heading>', body)
    return LINK.sub(lambda m: _link(m, page, links, site_url), body).strip() + "\n"


def _link(match: re.Match[str], page: str, links: dict[str, str], site_url: str) -> str:
    """Links to exported pages point into the skill; others to the live site."""
    target, fragment = match["target"], match["fragment"] or ""
    if target is None:
        return match.group(0)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if resolved in links:
        return f"]({links[resolved]}{fragment})"
    path = resolved.removesuffix(".md").removesuffix("index")
    path = path + "/" if path and not path.endswith("/") else path
    return f"]({urllib.parse.urljoin(site_url, path)}{fragment})"


def _admonitions(text: str) -> str:
    """`!!! note "Title"` blocks become blockquotes any Markdown reader shows."""
    out: list[str] = []
    quote: str | None = None  # the body indent of the admonition being copied
    prefix = ""
    for line in text.splitlines():
        if quote is not None:
            if line.startswith(quote) or not line.strip():
                out.append(
                    prefix + "> " + line[len(quote) :] if line.strip() else prefix + ">"
                )
                continue
            while out and out[-1] == prefix + ">":
                out[-1] = ""
            quote = None
        match = ADMONITION.match(line)
        if match:
            prefix = match["indent"]
            quote = prefix + "    "
            title = match["title"] or match["kind"].capitalize()
            out.append(f"{prefix}> **{title}**")
        else:
            out.append(line)
    return "\n".join(out)


def build(site_url: str = SITE_URL, repo_url: str = REPO_URL) -> dict[str, str]:
    """Skill file name -> Markdown text."""
    links = {page: name for name, pages in MANIFEST.items() for page in pages}
    files = {}
    for name, pages in MANIFEST.items():
        parts = [_header()] if name == "SKILL.md" else []
        parts += [render_page(page, links, site_url, repo_url) for page in pages]
        files[name] = "\n---\n\n".join(parts)
    return files


def _header() -> str:
    rows = [
        f"| **{task}** | [{file}](./{file}) | {text} |"
        for file, (task, text) in REFERENCES.items()
        if file in MANIFEST
    ]
    table = "\n".join(
        ["| Task | Reference File | Description |", "|---|---|---|", *rows]
    )
    return HEADER.read_text().strip().replace("{reference_files}", table) + "\n"


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(files.items()):
            info = zipfile.ZipInfo(
                f"inngest-workflow/{name}", date_time=(2020, 1, 1, 0, 0, 0)
            )
            archive.writestr(info, text)
    return buffer.getvalue()


def on_files(files: object, config: object) -> object:
    """MkDocs hook: ship the skill as a zip inside the built site."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    assert isinstance(files, Files)
    assert isinstance(config, MkDocsConfig)
    try:
        content = zip_bytes(
            build(config.site_url or SITE_URL, config.repo_url or REPO_URL)
        )
    except SkillError as err:
        raise PluginError(f"skill export: {err}") from None
    files.append(File.generated(config, ZIP_URI, content=content))
    return files


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "dist/skill")
    out.mkdir(parents=True, exist_ok=True)
    files = build()
    for name, text in files.items():
        (out / name).write_text(text)
    (out.parent / "inngest-workflow-skill.zip").write_bytes(zip_bytes(files))
    print(f"wrote {', '.join(sorted(files))} to {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
