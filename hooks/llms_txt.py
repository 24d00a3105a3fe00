"""MkDocs hook: finish the llms.txt written by the mkdocs-llmstxt plugin.

The plugin lists pages by title. This adds each page's front-matter
`description` (the one used for link previews, so it is written once) and
drops sections whose glob matched no page yet (e.g. `guides/*.md` before the
first guide exists). Hooks run after plugins, so the file is there.
"""

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from docsite.urls import markdown_uri

ENTRY = re.compile(r"^- \[(?P<title>[^\]]*)\]\((?P<url>[^)]*)\)$")
_descriptions: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    description = page.meta.get("description")
    if isinstance(description, str):
        _descriptions[markdown_uri(page.file.src_uri)] = " ".join(description.split())
    return markdown


def describe(line: str) -> str:
    match = ENTRY.match(line)
    if not match:
        return line
    url = match["url"]
    found = [uri for uri in _descriptions if url == uri or url.endswith("/" + uri)]
    if not found:
        return line
    return f"{line}: {_descriptions[max(found, key=len)]}"


def without_empty_sections(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("## "):
            rest = lines[index + 1 :]
            body = next((r for r in rest if r.strip()), "")
            if not body.startswith("- "):
                continue
        kept.append(line)
    text = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", text).split("\n")


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "llms.txt"
    if not path.is_file():
        return
    lines = [describe(line) for line in path.read_text().split("\n")]
    path.write_text("\n".join(without_empty_sections(lines)))
