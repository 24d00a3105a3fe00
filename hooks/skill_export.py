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
import sys
import zipfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1])]  # MkDocs loads by path

from docsite import config as site_config  # noqa: E402
from docsite.markdown import PageError, plain_markdown  # noqa: E402
from docsite.registry import SKILL  # noqa: E402

HEADER = Path(__file__).with_name("skill_header.md")
ZIP_URI = "downloads/inngest-workflow-skill.zip"
# Used by `make skill`; a site build passes its own site_url and repo_url.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
REPO_URL = os.environ.get(
    "REPO_URL", "https://github.com/inngest-fastapi-docs/inngest-fastapi-docs"
)

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


def build(site_url: str = SITE_URL, repo_url: str = REPO_URL) -> dict[str, str]:
    """Skill file name -> Markdown text."""
    links = {page: name for name, pages in SKILL.items() for page in pages}
    bases = site_config.load().snippet_bases
    files = {}
    for name, pages in SKILL.items():
        parts = [_header()] if name == "SKILL.md" else []
        parts += [
            plain_markdown(
                page, bases=bases, links=links, site_url=site_url, repo_url=repo_url
            )
            for page in pages
        ]
        files[name] = "\n---\n\n".join(parts)
    return files


def _header() -> str:
    rows = [
        f"| **{task}** | [{file}](./{file}) | {text} |"
        for file, (task, text) in REFERENCES.items()
        if file in SKILL
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
    except PageError as err:
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
