"""A built page's article cut into its sections: what a search result links to.

A section runs from a heading with an `id` (h2 to h6) to the next one; the
part before the first such heading is the page's own (its h1, the intro). Each
section's HTML stands alone: the elements open where it starts (a tab, an API
entry's `<div>`) are opened again (bare) before it and every element open where it
ends is closed after it, so a parser reads it as the reader's browser shows
that part of the page.
"""

import dataclasses
import html
import re

# A tag, a comment or a doctype; group 1 "/" for a closing tag, group 2 its name.
_TAG = re.compile(r"<!--.*?-->|<!.*?>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>", re.S)
_HEADING = re.compile(r"h([1-6])")
_ID = re.compile(r'\bid="([^"]+)"')
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    | {"param", "source", "track", "wbr"}
)
# Parts of a heading that are not its title: the ¶ link, mkdocstrings' labels.
_NOT_TITLE = re.compile(
    r'<a [^>]*class="headerlink"[^>]*>.*?</a>'
    r'|<span class="doc doc-labels">.*?</span>',
    re.S,
)
_ANY_TAG = re.compile(r"<[^>]+>")


@dataclasses.dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id; "" for the page's own part
    level: int  # the heading's level (1: the page's own part)
    title: str  # the heading's text, without its ¶ and labels
    heading: str  # the heading's start tag (its class tells an API entry)
    html: str  # the section's HTML, its heading first, elements balanced
    parents: tuple[str, ...]  # titles of the sections it is part of, outermost first


def text(fragment: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(_ANY_TAG.sub(" ", fragment)).split())


def title(heading_html: str) -> str:
    """A heading's title: its text without the ¶ link and labels."""
    return text(_NOT_TITLE.sub("", heading_html))


@dataclasses.dataclass
class _Cut:
    start: int  # offset in the article
    level: int
    anchor: str
    heading: str  # start tag
    title: str
    open: list[str]  # the elements open there, opened again (bare) before it


def split(article: str) -> list[Section]:
    """`article` (the inner HTML of a page's article) cut at its headings."""
    cuts = [_Cut(0, 1, "", "", "", [])]  # the page's own part first
    stack: list[str] = []  # the names of the open elements
    for match in _TAG.finditer(article):
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name:
            continue
        heading = _HEADING.fullmatch(name)
        found_id = _ID.search(match.group(0))
        if heading and not closing and (found_id or heading.group(1) == "1"):
            end = article.find(f"</{name}>", match.end())
            inner = article[match.end() : end if end >= 0 else len(article)]
            if heading.group(1) == "1":  # the page's title names its own part
                if not cuts[0].title:
                    cuts[0].heading, cuts[0].title = match.group(0), title(inner)
            else:
                cuts.append(
                    _Cut(
                        match.start(),
                        int(heading.group(1)),
                        found_id.group(1) if found_id else "",
                        match.group(0),
                        title(inner),
                        list(stack),
                    )
                )
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif name not in _VOID and not match.group(0).endswith("/>"):
            stack.append(name)
    found: list[Section] = []
    path: list[_Cut] = []  # the enclosing sections
    for number, cut in enumerate(cuts):
        while path and path[-1].level >= cut.level:
            path.pop()
        end = cuts[number + 1].start if number + 1 < len(cuts) else len(article)
        body = "".join(f"<{name}>" for name in cut.open) + article[cut.start : end]
        found.append(
            Section(
                anchor=cut.anchor,
                level=cut.level,
                title=cut.title,
                heading=cut.heading,
                html=balanced(body),
                parents=tuple(parent.title for parent in path[1:]),
            )
        )
        path.append(cut)
    return found


def balanced(fragment: str) -> str:
    """`fragment` with its unopened closing tags dropped and its open elements
    closed at the end."""
    out: list[str] = []
    stack: list[str] = []
    last = 0
    for match in _TAG.finditer(fragment):
        closing, name = match.group(1), (match.group(2) or "").lower()
        out.append(fragment[last : match.start()])
        last = match.end()
        if not name:
            out.append(match.group(0))
        elif closing:
            if name in stack:
                while stack:
                    out.append(f"</{stack.pop()}>")
                    if out[-1] == f"</{name}>":
                        break
        else:
            out.append(match.group(0))
            if name not in _VOID and not match.group(0).endswith("/>"):
                stack.append(name)
    out.append(fragment[last:])
    out.extend(f"</{name}>" for name in reversed(stack))
    return "".join(out)
