"""Build the agent skill (Agent Skills format) from the site's own pages.

The skill is a folder `inngest-workflow/`: SKILL.md (YAML frontmatter, core
concepts, the rules that prevent common mistakes, which reference to open) and
`references/*.md`, one per task. Every code block in it is a snippet section
the test suite executes, inserted exactly as the site embeds it.

- The site serves it as `downloads/inngest-workflow-skill.zip` (docsite/finish.py).
- `python -m docsite.skill DIR [--zip FILE]` writes `DIR/inngest-workflow/`
  (`make skill` writes dist/skill/ and refreshes the committed skills/ copy).

Its links name the repository of mkdocs.yml's `repo_url`, never the build's
environment, so the committed copy is the same whoever generates it.
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

from docsite import config, placeholders
from docsite.embeds import api_modules_in
from docsite.markdown import FRONT_MATTER, Links, PageError, page_facts, page_source
from docsite.markdown import plain_markdown as render
from docsite.paths import ROOT
from docsite.registry import skill_manifest as manifest

NAME = "inngest-workflow"
HEADER = Path(__file__).with_name("skill_header.md")
ZIP_URI = "downloads/inngest-workflow-skill.zip"
# The committed copy that skills installers read from the repository.
COMMITTED = ROOT / "skills"
# The Agent Skills format loads all of SKILL.md when the skill activates and
# recommends keeping it under 500 lines; the rest goes in references/.
MAX_SKILL_LINES = 500


def references_table(files: dict[str, list[str]]) -> str:
    rows = ["| Open | When you need | What it holds |", "|---|---|---|"]
    for name, pages in files.items():
        if name != "SKILL.md":
            title, description = page_facts(pages[0])
            cells = [f"[{name}]({name})", title, description]
            rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def build(repo_url: str | None = None) -> dict[str, str]:
    """Skill file name (relative to the skill folder) -> Markdown text; links
    go to `repo_url` (mkdocs.yml's unless given)."""
    repo_url = repo_url or config.load().repo_url
    from docsite.finish import FILES  # finish serves this skill: import late

    files = manifest()
    pages = {page: name for name, srcs in files.items() for page in srcs}
    # The modules the pages document (`::: inngest_kit`) are files of the skill,
    # in assets/; the pages' links to their downloads point there.
    assets = {
        f"downloads/{path}": f"assets/{path}"
        for srcs in files.values()
        for page in srcs
        for path in (
            m.replace(".", "/") + ".py" for m in api_modules_in(page_source(page))
        )
    }
    pages |= assets
    docs_url = placeholders.repo_link(repo_url, "docs")
    served = frozenset(FILES)
    site_url = config.pages_url(repo_url)
    header = HEADER.read_text()
    match = FRONT_MATTER.match(header)
    if match is None:
        raise PageError(f"{HEADER.name} must start with the skill's frontmatter")
    frontmatter = placeholders.expand(
        match.group(0), where=HEADER.name, repo_url=repo_url
    ).replace("{name}", NAME)
    out = {}
    for name, srcs in files.items():
        links = Links(
            here=name,
            pages=pages,
            repo_url=repo_url,
            files_url=docs_url,
            served=served,
            site_url=site_url,
        )
        parts = [render(page_source(page), page=page, links=links) for page in srcs]
        if name == "SKILL.md":
            intro = render(header, page="index.md", links=links).replace(
                "{references}", references_table(files)
            )
            parts = [frontmatter + "\n" + intro, *parts]
        out[name] = "\n---\n\n".join(parts)
    for download, asset in assets.items():
        out[asset] = (ROOT / download.removeprefix("downloads/")).read_text()
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
