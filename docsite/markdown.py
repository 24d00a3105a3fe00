"""Fenced blocks, copy-button text and a page as plain Markdown.

Plain Markdown is what a reader without the site gets: the "View as Markdown"
copy of every page, llms.txt and llms-full.txt (docsite/llms.py) and the agent
skill (docsite/skill.py) are all made of it, from the page source, never from
built HTML. Embeds are replaced by their code exactly as pymdownx.snippets
inserts it, placeholders and the changelog expanded, `::: module` blocks shown
as the module's tested source, Material-only syntax (admonitions, content tabs,
heading ids) as what any Markdown reader shows, and links pointed where the
reader of that copy can follow them (`Links`).
"""

import dataclasses
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml  # type: ignore[import-untyped]

from docsite import changelog, paths, placeholders
from docsite.embeds import (
    API,
    EMBED,
    SnippetError,
    resolve,
    section_lines,
    section_text,
)
from docsite.urls import resolve_link

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
LINK_CLASSES = re.compile(r"\)\{\s*(?:\.[\w-]+\s*)+\}")
# A link to an API entry (mkdocstrings' id): a class and its members
# (`#inngest_kit.Executor.run`) or a function (`#inngest_kit.sync`) of a module.
API_LINK = re.compile(
    r"\]\(#(?P<module>[a-z_]\w*(?:\.[a-z_]\w*)*?)"
    r"\.(?:[A-Z]\w*(?:\.\w+)*|[a-z_]\w*)\)"
)
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
TITLE = re.compile(r"^# (?P<title>.+?)(?:\s*\{[^}]*\})?\s*$", re.MULTILINE)
ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>\w+)(?:\s+"(?P<title>[^"]*)")?\s*$'
)


class PageError(Exception):
    """A page cannot be rendered (missing page, snippet file or section)."""


@dataclasses.dataclass(frozen=True)
class Links:
    """Where the links of a page's plain Markdown point.

    `here` is the file being written (`SKILL.md`, `guides/create/index.md`);
    `pages` maps each page the reader also has (`guides/create.md`) to its file
    in the same export; other files of docs/ (an image, a data file) go to
    `<files_url>/<path>` when a base is given (the site publishes them), else
    relative to `here` (they sit beside the copy), as do `served` files the
    site makes (a download); pages not in `pages` go to their source in the
    repository.
    """

    here: str
    pages: dict[str, str]
    repo_url: str
    files_url: str | None = None
    served: frozenset[str] = frozenset()
    # Where `served` files are linked when the copy leaves the site (the skill):
    # the site's address; None: relative to `here` (beside the copy).
    site_url: str | None = None

    def to_file(self, src: str) -> str:
        if self.files_url is not None:
            return f"{self.files_url.rstrip('/')}/{src}"
        return posixpath.relpath(src, posixpath.dirname(self.here) or ".")


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
    links: Links,
    bases: Sequence[Path] | None = None,
) -> str:
    """Markdown `text` of docs/`page` as plain Markdown, for the reader of
    `links.here`."""
    text = FRONT_MATTER.sub("", text)
    try:
        text = placeholders.expand(
            text, where=page, repo_url=links.repo_url, test_lines=False
        )
        text = changelog.expand(text)
    except (placeholders.PlaceholderError, changelog.ChangelogError) as err:
        raise PageError(str(err)) from None
    out: list[str] = []
    for line in text.splitlines():
        embed, api = EMBED.match(line), API.match(line)
        if api:
            out += api_block(api["module"], page)
        elif embed and embed["path"].endswith(".svg"):
            out.append(embed["indent"] + svg_image(embed["path"], page, bases))
        elif embed:
            indent = embed["indent"]
            code = embedded(embed["path"], embed["section"], bases)
            out += [indent + c if c else "" for c in code]
        else:
            out.append(line)
    body = admonitions_as_quotes(tabs_as_titles("\n".join(out)))
    body = API_LINK.sub(r"](#\g<module>)", body)
    # A link's classes (`[Download](x.zip){ .md-button }`) are the site's look.
    body = LINK_CLASSES.sub(")", body)
    # Keep the site's stable anchors working in any Markdown viewer.
    body = HEADING_ID.sub(_anchored, body)
    linker = _linker(page, links)
    return outside_code(body, lambda text: LINK.sub(linker, text)).strip() + "\n"


INLINE_CODE = re.compile(r"(`+)[^`].*?\1")


def outside_code(text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to everything but fenced blocks and inline
    code spans (a link in code is code)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opening = FENCE.match(line)
        if fence is not None:
            if closes(line, fence):
                fence = None
            out.append(line)
        elif opening:
            fence = opening["fence"]
            out.append(line)
        else:
            pieces, last = [], 0
            for code in INLINE_CODE.finditer(line):
                pieces += [change(line[last : code.start()]), code[0]]
                last = code.end()
            out.append("".join([*pieces, change(line[last:])]))
    return "\n".join(out)


def closes(line: str, fence: str) -> bool:
    """Whether `line` closes a fenced block opened with `fence`."""
    return line.strip().startswith(fence) and not line.strip().strip(fence[0])


def _anchored(match: re.Match[str]) -> str:
    """A heading with an id: the id as an anchor any viewer keeps, before the
    heading (after a page title, so that the copy starts with it)."""
    anchor, heading = f'<a id="{match["id"]}"></a>', match["heading"]
    if heading.startswith("# "):
        return f"{heading}\n\n{anchor}"
    return f"{anchor}\n\n{heading}"


def svg_image(path: str, page: str, bases: Sequence[Path] | None = None) -> str:
    """An embedded SVG drawing (`--8<-- "docs/assets/x.svg"`), as an image link
    to the file: the drawing itself is markup, not text for a reader."""
    file = resolve(path, bases)
    if file is None:
        raise PageError(f"snippet file {path!r} not found")
    title = re.search(r"<title[^>]*>(.*?)</title>", file.read_text(), re.DOTALL)
    alt = title[1].strip() if title else file.stem
    target = posixpath.relpath(
        path.removeprefix("docs/"), posixpath.dirname(page) or "."
    )
    return f"![{alt}]({target})"


def page_facts(page: str, docs: Path | None = None) -> tuple[str, str]:
    """A page's title (its `# ` heading) and front-matter description."""
    text = page_source(page, docs)
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match["yaml"]) if match else None
    title = TITLE.search(text)
    description = meta.get("description") if isinstance(meta, dict) else None
    if title is None or not isinstance(description, str):
        raise PageError(f"docs/{page} needs a '# ' title and a description")
    return title["title"], " ".join(description.split())


def api_block(module: str, page: str) -> list[str]:
    """A mkdocstrings `::: module` block: in plain Markdown, a link to the
    module's download, `downloads/<module path>.py` (its docstrings are the
    reference), so a reader can copy the file into a project. An export that
    ships the file maps the link to its copy (`Links.pages`)."""
    path = module.replace(".", "/") + ".py"
    target = posixpath.relpath(f"downloads/{path}", posixpath.dirname(page) or ".")
    return [
        f'<a id="{module}"></a>',
        "",
        f"The module, as tested: [`{path}`]({target}). Its docstrings are the "
        "reference; copy the file next to your tests.",
    ]


def _linker(page: str, links: Links) -> Callable[[re.Match[str]], str]:
    def link(match: re.Match[str]) -> str:
        """Links to pages of the export point into the export (relative to the
        file that holds the link); other files of docs/ as `links.to_file`
        says; other pages to their source in the repository."""
        target, fragment = match["target"], match["fragment"] or ""
        if target is None:
            return match.group(0)
        src = resolve_link(page, target)
        if src in links.pages and links.pages[src] == links.here and fragment:
            return f"]({fragment})"
        if src in links.pages:
            folder = posixpath.dirname(links.here) or "."
            return f"]({posixpath.relpath(links.pages[src], folder)}{fragment})"
        if src in links.served:
            if links.site_url is not None:
                return f"]({links.site_url.rstrip('/')}/{src}{fragment})"
            folder = posixpath.dirname(links.here) or "."
            return f"]({posixpath.relpath(src, folder)}{fragment})"
        if not (paths.DOCS / src).is_file():
            raise PageError(f"{page} links to {target!r}, which is not a file in docs/")
        if src.endswith(".md"):
            repo = placeholders.repo_link(links.repo_url, "docs/" + src)
            return f"]({repo}{fragment})"
        return f"]({links.to_file(src)}{fragment})"

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
    """`!!! note "Title"` blocks become blockquotes any Markdown reader shows
    (one written inside a fenced block is code, and stays as written)."""
    out: list[str] = []
    quote: str | None = None  # the body indent of the admonition being copied
    fence: str | None = None  # the fence of the code block being copied
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
        if fence is not None:
            fence = None if closes(line, fence) else fence
            out.append(line)
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening["fence"]
            out.append(line)
            continue
        match = ADMONITION.match(line)
        if match:
            prefix = match["indent"]
            quote = prefix + "    "
            title = match["title"] or match["kind"].capitalize()
            out.append(f"{prefix}> **{title}**")
        else:
            out.append(line)
    return "\n".join(out)
