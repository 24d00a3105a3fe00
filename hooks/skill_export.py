"""Build the agent skill (Agent Skills format) from the site's own pages.

The skill is a folder `inngest-workflow/`: SKILL.md (YAML frontmatter, core
concepts, the rules that prevent common mistakes, which reference to open) and
`references/*.md`, one per task. Every code block in it is a snippet section
the test suite executes, inserted exactly as the site embeds it.

- As a MkDocs hook it adds `downloads/inngest-workflow-skill.zip` to the site.
- `python -m hooks.skill_export DIR [--zip FILE]` writes `DIR/inngest-workflow/`
  (`make skill` writes dist/skill/ and refreshes the committed skills/ copy).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

from mkdocs.utils.meta import get_data

from docsite import placeholders
from docsite.markdown import FRONT_MATTER, PageError, page_source
from docsite.markdown import plain_markdown as render
from docsite.paths import ROOT
from docsite.registry import skill_manifest as manifest

NAME = "inngest-workflow"
HEADER = Path(__file__).with_name("skill_header.md")
ZIP_URI = "downloads/inngest-workflow-skill.zip"
# The committed copy that skills installers read from the repository.
COMMITTED = ROOT / "skills"
REPO_URL = os.environ.get(
    "REPO_URL", "https://github.com/inngest-fastapi-docs/inngest-fastapi-docs"
)
# The Agent Skills format loads all of SKILL.md when the skill activates and
# recommends keeping it under 500 lines; the rest goes in references/.
MAX_SKILL_LINES = 500

TITLE = re.compile(r"^# (?P<title>.+?)(?:\s*\{[^}]*\})?\s*$", re.MULTILINE)


def page_facts(page: str) -> tuple[str, str]:
    """A page's title (its `# ` heading) and front-matter description."""
    text, meta = get_data(page_source(page))
    title, description = TITLE.search(text), meta.get("description")
    if title is None or not isinstance(description, str):
        raise PageError(f"docs/{page} needs a '# ' title and a description")
    return title["title"], " ".join(description.split())


def references_table(files: dict[str, list[str]]) -> str:
    rows = ["| Open | When you need | What it holds |", "|---|---|---|"]
    for name, pages in files.items():
        if name != "SKILL.md":
            title, description = page_facts(pages[0])
            cells = [f"[{name}]({name})", title, description]
            rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def build(repo_url: str = REPO_URL) -> dict[str, str]:
    """Skill file name (relative to the skill folder) -> Markdown text."""
    files = manifest()
    links = {page: name for name, pages in files.items() for page in pages}
    header = HEADER.read_text()
    match = FRONT_MATTER.match(header)
    if match is None:
        raise PageError(f"{HEADER.name} must start with the skill's frontmatter")
    frontmatter = placeholders.expand(
        match.group(0), where=HEADER.name, repo_url=repo_url
    ).replace("{name}", NAME)
    out = {}
    for name, pages in files.items():
        parts = [
            render(
                page_source(page), page=page, here=name, links=links, repo_url=repo_url
            )
            for page in pages
        ]
        if name == "SKILL.md":
            intro = render(
                header, page="index.md", here=name, links=links, repo_url=repo_url
            ).replace("{references}", references_table(files))
            parts = [frontmatter + "\n" + intro, *parts]
        out[name] = "\n---\n\n".join(parts)
    return out


def body_lines(skill_md: str) -> int:
    """Lines of SKILL.md after its frontmatter (what the 500-line advice counts)."""
    match = FRONT_MATTER.match(skill_md)
    return len(skill_md[match.end() if match else 0 :].splitlines())


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(files.items()):
            info = zipfile.ZipInfo(f"{NAME}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, text)
    return buffer.getvalue()


def write(out: Path, files: dict[str, str]) -> Path:
    """Write the skill folder `out/<name>/`, removing files it no longer has."""
    folder = out / NAME
    if folder.exists():
        shutil.rmtree(folder)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def on_files(files: object, config: object) -> object:
    """MkDocs hook: ship the skill as a zip inside the built site."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    assert isinstance(files, Files)
    assert isinstance(config, MkDocsConfig)
    try:
        content = zip_bytes(build(config.repo_url or REPO_URL))
    except (PageError, placeholders.PlaceholderError) as err:
        raise PluginError(f"skill export: {err}") from None
    files.append(File.generated(config, ZIP_URI, content=content))
    return files


def main(argv: list[str]) -> int:
    args = list(argv)
    archive = None
    if "--zip" in args:
        index = args.index("--zip")
        archive = Path(args[index + 1])
        del args[index : index + 2]
    files = build()
    folder = write(Path(args[0] if args else "dist/skill"), files)
    if archive is not None:
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.write_bytes(zip_bytes(files))
    lines = body_lines(files["SKILL.md"])
    print(f"wrote {folder}/ ({len(files)} files, SKILL.md body {lines} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
