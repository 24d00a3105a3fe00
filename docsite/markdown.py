"""Fenced blocks, copy-button text and a page as plain Markdown.

Plain Markdown is what a reader without the site gets: embeds replaced by
their code, placeholders expanded, admonitions as blockquotes, stable heading
anchors kept as `<a id>` tags, and links to pages outside the export sent to
the live site. The agent skill export is made of it.
"""

import re
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from docsite import placeholders
from docsite.embeds import EMBED, SnippetError, resolve, section_lines, section_text
from docsite.paths import DOCS
from docsite.urls import resolve_link, url_of

FENCE = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<lang>[\w+-]*)"
)
PYTHON = ("python", "py", "python3", "pycon")
ANNOTATION = re.compile(r"\s*(#|//)\s*\(\d+\)!?\s*$")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
HEADING_ID = re.compile(
    r"^(?P<heading>#{1,6} .*?)[ \t]*\{\s*#(?P<id>[\w-]+)[^}]*\}[ \t]*$", re.MULTILINE
)
LINK = re.compile(r"\]\((?P<target>[^)\s#]+\.md)?(?P<fragment>#[^)\s]*)?\)")
ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>\w+)(?:\s+"(?P<title>[^"]*)")?\s*$'
)


class PageError(Exception):
    """A page cannot be rendered (missing page, snippet file or section)."""


def fences(lines: Sequence[str]) -> Iterator[tuple[int, re.Match[str], list[str]]]:
    """(index of the opening line, its match, body lines) of each fenced block."""
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        start, fence = index, match["fence"]
        index += 1
        body = []
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index])
            index += 1
        index += 1
        yield start, match, body


def python_fences_with_code(page: Path) -> Iterator[int]:
    """Line numbers of ```python fences whose body is not only embed lines."""
    for start, match, body in fences(page.read_text().splitlines()):
        if match["lang"] in PYTHON and any(
            b.strip() and not EMBED.match(b) for b in body
        ):
            yield start + 1


def copy_texts(page: Path, bases: Sequence[Path] | None = None) -> list[str]:
    """The text a reader should get from each code block's copy button, in order:
    the fence body with embeds expanded, no annotation markers, no trailing spaces."""
    blocks = []
    for _, match, body in fences(page.read_text().splitlines()):
        out = []
        for raw in body:
            line = raw.removeprefix(match["indent"])
            embed = EMBED.match(line)
            if embed:
                target = resolve(embed["path"], bases)
                if target is None:
                    raise PageError(f"{page}: no file for {embed['path']}")
                out.append(section_text(target, embed["section"]))
            else:
                # The hook expands placeholders in the page before snippets are
                # inserted: typed lines are expanded, embedded text is not.
                out.append(placeholders.expand(line, where=str(page), repo_url=None))
        text = "\n".join(out)
        blocks.append(
            "\n".join(ANNOTATION.sub("", line).rstrip() for line in text.split("\n"))
            .strip("\n")
            .rstrip()
        )
    return blocks


def embedded(path: str, name: str | None, bases: Sequence[Path]) -> list[str]:
    """An embed's lines as the page shows them, blank lines around it dropped."""
    file = resolve(path, bases)
    if file is None:
        raise PageError(f"snippet file {path!r} not found")
    try:
        lines = section_lines(file, name)
    except SnippetError:
        raise PageError(f"section {name!r} not found in {path}") from None
    return "\n".join(lines).strip("\n").splitlines()


def plain_markdown(
    page: str,
    *,
    bases: Sequence[Path],
    links: dict[str, str],
    site_url: str,
    repo_url: str,
    docs: Path = DOCS,
) -> str:
    """One page as plain Markdown (see the module docstring).

    `links` maps pages that are part of the same export to the file they are in;
    links to any other page go to `site_url`.
    """
    source = docs / page
    if not source.is_file():
        raise PageError(f"page {page!r} is not in docs/")
    text = FRONT_MATTER.sub("", source.read_text())
    try:
        text = placeholders.expand(text, where=page, repo_url=repo_url)
    except placeholders.PlaceholderError as err:
        raise PageError(str(err)) from None
    out: list[str] = []
    for line in text.splitlines():
        embed = EMBED.match(line)
        if embed:
            indent = embed["indent"]
            code = embedded(embed["path"], embed["section"], bases)
            out += [indent + c if c else "" for c in code]
        else:
            out.append(line)
    body = admonitions_as_quotes("\n".join(out))
    # Keep the site's stable anchors working in any Markdown viewer.
    body = HEADING_ID.sub(r'<a id="\g<id>"></a>\n\n\g<heading>', body)
    return LINK.sub(_linker(page, links, site_url), body).strip() + "\n"


def _linker(
    page: str, links: dict[str, str], site_url: str
) -> Callable[[re.Match[str]], str]:
    def link(match: re.Match[str]) -> str:
        """Links to exported pages point into the export; others to the site."""
        target, fragment = match["target"], match["fragment"] or ""
        if target is None:
            return match.group(0)
        src = resolve_link(page, target)
        if src in links:
            return f"]({links[src]}{fragment})"
        return f"]({urllib.parse.urljoin(site_url, url_of(src))}{fragment})"

    return link


def admonitions_as_quotes(text: str) -> str:
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
