"""Fenced blocks, copy-button text and a page as plain Markdown.

Plain Markdown is what a reader without the site gets (the agent skill is made
of it): embeds replaced by their code exactly as pymdownx.snippets inserts it,
placeholders expanded, `::: module` blocks as a link to the module's file,
Material-only syntax (admonitions, content tabs, heading ids) as what any
Markdown reader shows, and links to pages outside the export sent to their
source in the repository.
"""

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from docsite import paths, placeholders
from docsite.embeds import (
    API,
    EMBED,
    SnippetError,
    resolve,
    section_lines,
    section_text,
)
from docsite.urls import DOWNLOADS, resolve_link

FENCE = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<lang>[\w+-]*)"
)
PYTHON = ("python", "py", "python3", "pycon")
ANNOTATION = re.compile(r"\s*(#|//)\s*\(\d+\)!?\s*$")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
HEADING_ID = re.compile(
    r"^(?P<heading>#{1,6} .*?)[ \t]*\{\s*#(?P<id>[\w-]+)[^}]*\}[ \t]*$", re.MULTILINE
)
# A relative link (no scheme, no leading slash) to a page or another file of docs/.
LINK = re.compile(r"\]\((?P<target>(?![\w+.-]+:|/)[^)\s#]+)?(?P<fragment>#[^)\s]*)?\)")
API_LINK = re.compile(r"\]\(#(?P<module>[a-z_]\w*(?:\.\w+)*?)\.[A-Z]\w*\)")
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
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


def embedded(
    path: str, name: str | None, bases: Sequence[Path] | None = None
) -> list[str]:
    """An embed's lines as the page shows them, blank lines around it dropped."""
    file = resolve(path, bases)
    if file is None:
        raise PageError(f"snippet file {path!r} not found")
    try:
        lines = section_lines(file, name)
    except SnippetError:
        raise PageError(f"section {name!r} not found in {path}") from None
    return "\n".join(lines).strip("\n").splitlines()


def page_source(page: str, docs: Path | None = None) -> str:
    """The Markdown of docs/`page`; PageError if there is no such page."""
    source = (docs or paths.DOCS) / page
    if not source.is_file():
        raise PageError(f"page {page!r} is not in docs/")
    return source.read_text()


def plain_markdown(
    text: str,
    *,
    page: str,
    here: str,
    links: dict[str, str],
    repo_url: str,
    bases: Sequence[Path] | None = None,
) -> str:
    """Markdown `text` of docs/`page` as plain Markdown, written into the export
    file `here`; `links` maps the pages (and other files of docs/) that are part
    of the export to the file that holds them."""
    text = FRONT_MATTER.sub("", text)
    try:
        text = placeholders.expand(text, where=page, repo_url=repo_url)
    except placeholders.PlaceholderError as err:
        raise PageError(str(err)) from None
    out: list[str] = []
    for line in text.splitlines():
        embed, api = EMBED.match(line), API.match(line)
        if api:
            out += api_block(api["module"], page)
        elif embed:
            indent = embed["indent"]
            code = embedded(embed["path"], embed["section"], bases)
            out += [indent + c if c else "" for c in code]
        else:
            out.append(line)
    body = admonitions_as_quotes(tabs_as_titles("\n".join(out)))
    body = API_LINK.sub(r"](#\g<module>)", body)
    # Keep the site's stable anchors working in any Markdown viewer.
    body = HEADING_ID.sub(r'<a id="\g<id>"></a>\n\n\g<heading>', body)
    return LINK.sub(_linker(page, here, links, repo_url), body).strip() + "\n"


def api_block(module: str, page: str) -> list[str]:
    """A mkdocstrings `::: module` block: in plain Markdown, a link to the
    module's download, `docs/downloads/<module path>.py` (its docstrings are
    the reference), so a reader can copy the file into a project. An export
    that ships the file maps the link to its copy (see `links`)."""
    path = module.replace(".", "/") + ".py"
    target = posixpath.relpath(f"downloads/{path}", posixpath.dirname(page) or ".")
    return [
        f'<a id="{module}"></a>',
        "",
        f"The module, as tested: [`{path}`]({target}). Its docstrings are the "
        "reference; copy the file next to your tests.",
    ]


def _linker(
    page: str, here: str, links: dict[str, str], repo_url: str
) -> Callable[[re.Match[str]], str]:
    def link(match: re.Match[str]) -> str:
        """Links to exported pages point into the export (relative to the file
        that holds the link); links to other pages and files of docs/ (a data
        file, an image), and to a download the build makes, go to their source
        in the repository."""
        target, fragment = match["target"], match["fragment"] or ""
        if target is None:
            return match.group(0)
        src = resolve_link(page, target)
        if src in links and links[src] == here and fragment:
            return f"]({fragment})"
        if src in links:
            relative = posixpath.relpath(links[src], posixpath.dirname(here) or ".")
            return f"]({relative}{fragment})"
        if src in DOWNLOADS:
            return f"]({placeholders.repo_link(repo_url, DOWNLOADS[src])}{fragment})"
        if not (paths.DOCS / src).is_file():
            raise PageError(f"{page} links to {target!r}, which is not a file in docs/")
        return f"]({placeholders.repo_link(repo_url, 'docs/' + src)}{fragment})"

    return link


def tabs_as_titles(text: str) -> str:
    """Content tabs (`=== "Title"` over an indented body) become a bold title
    over the body, dedented: one after the other, as a printout shows them."""
    out: list[str] = []
    body: str | None = None  # the indent of the tab body being copied
    for line in text.splitlines():
        if body is not None and (line.startswith(body) or not line.strip()):
            out.append(body[:-4] + line[len(body) :] if line.strip() else "")
            continue
        body = None
        match = TAB.match(line)
        if match:
            body = match["indent"] + "    "
            out.append(f"{match['indent']}**{match['title']}**")
        else:
            out.append(line)
    return "\n".join(out)


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
