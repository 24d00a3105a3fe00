"""Turn a site page into plain Markdown for the agent skill.

Embeds become the snippet text exactly as pymdownx.snippets inserts it, so the
skill's code is byte-identical to the tested snippets; Material-only syntax
(admonitions, heading ids) becomes what any Markdown reader shows.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from pathlib import Path

from hooks import placeholders

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BASES = (ROOT / "snippets", ROOT)

EMBED = re.compile(
    r'^(?P<indent>\s*)-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$'
)
MARKER = re.compile(r"#\s*--8<--\s*\[(start|end):[\w-]+\]")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
HEADING_ID = re.compile(
    r"^(?P<heading>#{1,6} .*?)[ \t]*\{\s*#(?P<id>[\w-]+)[^}]*\}[ \t]*$", re.MULTILINE
)
# A relative link (no scheme, no leading slash) to a page or another file of docs/.
LINK = re.compile(r"\]\((?P<target>(?![\w+.-]+:|/)[^)\s#]+)?(?P<fragment>#[^)\s]*)?\)")
API_BLOCK = re.compile(r"^:::\s+(?P<module>[\w.]+)\s*$")
API_LINK = re.compile(r"\]\(#(?P<module>snippets(?:\.\w+)+?)\.[A-Z]\w*\)")
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
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


def page_source(page: str) -> str:
    source = DOCS / page
    if not source.is_file():
        raise SkillError(f"page {page!r} is in the skill manifest but not in docs/")
    return source.read_text()


def render(
    text: str, *, page: str, here: str, links: dict[str, str], repo_url: str
) -> str:
    """Markdown `text` of docs/`page`, written into the skill file `here`."""
    text = FRONT_MATTER.sub("", text)
    try:
        text = placeholders.expand(text, where=page, repo_url=repo_url)
    except placeholders.PlaceholderError as err:
        raise SkillError(str(err)) from None
    out: list[str] = []
    for line in text.splitlines():
        embed, api = EMBED.match(line), API_BLOCK.match(line)
        if api:
            out += api_block(api["module"])
        elif embed:
            indent = embed["indent"]
            out += [
                indent + code if code else ""
                for code in section(embed["path"], embed["section"])
            ]
        else:
            out.append(line)
    body = admonitions(tabs("\n".join(out)))
    body = API_LINK.sub(r"](#\g<module>)", body)
    # Keep the site's stable anchors working in any Markdown viewer.
    body = HEADING_ID.sub(r'<a id="\g<id>"></a>\n\n\g<heading>', body)
    return (
        LINK.sub(lambda m: _link(m, page, here, links, repo_url), body).strip() + "\n"
    )


def api_block(module: str) -> list[str]:
    """A mkdocstrings `::: module` block: in the skill, the module's source
    (the tested file itself), so an agent can copy it into a project."""
    path = module.replace(".", "/") + ".py"
    code = section(path.removeprefix("snippets/"), None)
    return [
        f'<a id="{module}"></a>',
        "",
        f"The module, `{path}`, as tested:",
        "",
        "``` python",
        *code,
        "```",
    ]


def _link(
    match: re.Match[str], page: str, here: str, links: dict[str, str], repo_url: str
) -> str:
    """Links to exported pages point into the skill (relative to the file that
    holds the link); links to other pages and files of docs/ (a data file, an
    image) go to their source in the repository."""
    target, fragment = match["target"], match["fragment"] or ""
    if target is None:
        return match.group(0)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if resolved in links and links[resolved] == here and fragment:
        return f"]({fragment})"
    if resolved in links:
        relative = posixpath.relpath(links[resolved], posixpath.dirname(here) or ".")
        return f"]({relative}{fragment})"
    if not (DOCS / resolved).is_file():
        raise SkillError(f"{page} links to {target!r}, which is not a file in docs/")
    return f"]({placeholders.repo_link(repo_url, 'docs/' + resolved)}{fragment})"


def tabs(text: str) -> str:
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


def admonitions(text: str) -> str:
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
