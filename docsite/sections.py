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
    "area base br col embed hr img input link meta param source track wbr".split()
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


def split(article: str) -> list[Section]:
    """`article` (the inner HTML of a page's article) cut at its headings."""
    # Where each section starts: offset, level, id, heading tag, title, and
    # the elements open there (opened again, bare, before it). The page's own part first.
    cuts: list[tuple[int, int, str, str, str, list[str]]] = [(0, 1, "", "", "", [])]
    stack: list[str] = []  # the names of the open elements
    for match in _TAG.finditer(article):
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name:
            continue
        level = _HEADING.fullmatch(name)
        anchor = _ID.search(match.group(0))
        if level and not closing and (anchor or level.group(1) == "1"):
            end = article.find(f"</{name}>", match.end())
            inner = article[match.end() : end if end >= 0 else len(article)]
            if level.group(1) == "1":  # the page's title names its own part
                if not cuts[0][4]:
                    cuts[0] = (0, 1, "", match.group(0), title(inner), [])
                continue
            cuts.append(
                (
                    match.start(),
                    int(level.group(1)),
                    anchor.group(1) if anchor else "",
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
    sections: list[Section] = []
    path: list[tuple[int, str]] = []  # (level, title) of the enclosing sections
    for number, (start, level, anchor, tag, name, reopen) in enumerate(cuts):
        while path and path[-1][0] >= level:
            path.pop()
        end = cuts[number + 1][0] if number + 1 < len(cuts) else len(article)
        body = "".join(f"<{name}>" for name in reopen) + article[start:end]
        sections.append(
            Section(
                anchor=anchor,
                level=level,
                title=name,
                heading=tag,
                html=balanced(body),
                parents=tuple(name for _, name in path[1:]),
            )
        )
        path.append((level, name))
    return sections


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
