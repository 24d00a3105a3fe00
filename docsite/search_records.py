"""What the search index holds: one record per section of each built page.

A reader's query is answered by a section (a result links to its heading), so
each section is indexed on its own, as a small HTML document Pagefind reads
(docsite/search.py writes the index):

- the section's HTML (docsite/sections.py), its heading first; an API entry's
  heading (mkdocstrings) is indexed as the entry's name (`Executor.run`), not
  its signature, and shown as its signature without a default value;
- after it, a paragraph of context at CONTEXT weight, which no reader sees
  (it starts with HIDDEN: the search worker never shows a preview from it):
  the page's title (and, for the page's own part, its description), the
  titles of the sections it is part of, an API entry's full name
  (`inngest_kit.Executor.run`), the tails of its dotted identifiers
  (`wait_for_event` of `ctx.step.wait_for_event`), and what readers type when
  the section is the answer (docsite/search_phrases.toml: "backpressure for
  background jobs" finds the flow-control section, which says none of those
  words);
- its title and its page's title, as Pagefind metadata (shown on the result);
- whether it is an API entry, and whether it is a symptom's entry (a section
  inside a heading of class SYMPTOMS: the debug guide's error catalogue),
  which the search worker (docs/assets/search-worker.js) reads from lists
  beside the index: not metadata, which Pagefind searches as it searches text.
"""

import dataclasses
import html
import re
from collections.abc import Mapping, Sequence

from docsite import sections
from docsite.sections import Section

ROOT = "article.md-content__inner"
CONTEXT = 0.5  # the weight of the context paragraph (1 = prose)
HIDDEN = "\u2042"  # ⁂ starts the context paragraph (docs/assets/search-worker.js)
# Pagefind weighs words by where they stand (1 = prose): opening tags that
# start with one of these get data-pagefind-weight.
WEIGHTS = {
    '<div class="doc doc-contents': 0.4,  # an API entry's body (mkdocstrings)
}
API_MODULE = "inngest_kit."  # an API entry's name is its anchor without this
SYMPTOMS = "symptoms"  # the class of a heading whose subsections are symptoms' entries
_CLASS = re.compile(r'\bclass="([^"]*)"')
_ARTICLE = re.compile(
    r'<article class="md-content__inner[^"]*"[^>]*>(.*?)</article>', re.S
)
_HEADING_END = re.compile(r"</h[1-6]>")
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
_DOTTED = re.compile(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
_CAMEL = re.compile(r"[a-z][A-Z]")  # a name of several words: RetryAfterError


@dataclasses.dataclass(frozen=True)
class Record:
    url: str  # root-relative with a leading slash: "/guides/debug/#keys"
    html: str  # the document Pagefind indexes
    api: bool  # an API entry (mkdocstrings)
    symptom: bool  # an entry of an error catalogue (SYMPTOMS)


def article(page: str) -> str:
    """The inner HTML of a built page's article ("" if it has none)."""
    found = _ARTICLE.search(page)
    return found.group(1) if found else ""


def weighted(text: str) -> str:
    """`text` with data-pagefind-weight on the tags WEIGHTS names."""
    for tag, weight in WEIGHTS.items():
        text = text.replace(tag, f'<div data-pagefind-weight="{weight}"{tag[4:]}')
    return text


def tails(text: str) -> list[str]:
    """The ends of the dotted identifiers in `text` that are identifiers too:
    `ctx.step.wait_for_event` -> `step.wait_for_event`, `wait_for_event`;
    `inngest.NonRetriableError` -> `NonRetriableError`. Pagefind indexes the
    whole name and its words, not its tails, and a reader types
    `wait_for_event` more often than `ctx.step.wait_for_event`."""
    found = set()
    for name in _DOTTED.findall(text):
        parts = name.split(".")
        for start in range(1, len(parts)):
            tail = ".".join(parts[start:])
            if "." in tail or "_" in tail or _CAMEL.search(tail):
                found.add(tail)
    return sorted(found)


def api_name(section: Section) -> str:
    """An API entry's name, from its anchor: `Executor.run`."""
    return section.anchor.removeprefix(API_MODULE)


def symptoms(parts: list[Section]) -> set[str]:
    """The anchors of the sections inside a heading of class SYMPTOMS
    (`## Error catalogue {#error-catalogue .symptoms}`)."""
    found: set[str] = set()
    inside = 0  # the level of the marked heading the sections are in; 0: none
    for section in parts:
        if inside and section.level <= inside:
            inside = 0
        if inside:
            found.add(section.anchor)
        elif any(SYMPTOMS in c.split() for c in _CLASS.findall(section.heading)):
            inside = section.level
    return found


def records(
    url: str, page: str, phrases: Mapping[str, Sequence[str]] | None = None
) -> list[Record]:
    """The records of the built page `page` at `url` ("/guides/debug/"), with
    the `phrases` readers type for each section (by its link: "guides/debug/#keys")."""
    inner = article(page)
    parts = sections.split(inner) if inner else []
    page_title = parts[0].title if parts else ""
    entries = symptoms(parts)
    found = []
    for section in parts:
        place = url.removeprefix("/") + (f"#{section.anchor}" if section.anchor else "")
        api = "doc-heading" in section.heading
        body = section.html
        shown = section.title.split(" = ")[0]
        if api:  # the heading's text becomes the entry's name
            start = body.index(section.heading) + len(section.heading)
            end = _HEADING_END.search(body, start)
            stop = end.start() if end else start
            body = body[:start] + html.escape(api_name(section)) + body[stop:]
        # The entries an API entry is part of go by name, then its full name.
        parents = [p.split("(")[0] if api else p for p in section.parents]
        context = [page_title, *parents, *([section.anchor] if api else [])]
        if not section.anchor:  # the page's own part: what the page is for
            described = _DESCRIPTION.search(page)
            context += [html.unescape(described.group(1))] if described else []
        context += tails(sections.text(section.html))  # the heading is in it
        context += (phrases or {}).get(place, [])
        meta = {"title": shown or page_title, "page": page_title}
        head = "".join(
            f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
            for key, value in meta.items()
        )
        words = html.escape(f"{HIDDEN} " + " · ".join(context))
        document = (
            '<html lang="en"><head></head><body>'
            f'<article class="{ROOT.partition(".")[2].replace(".", " ")}">'
            f"{head}{weighted(body)}"
            f'<p data-pagefind-weight="{CONTEXT}">{words}</p>'
            "</article></body></html>"
        )
        symptom = section.anchor in entries
        found.append(Record(url=f"/{place}", html=document, api=api, symptom=symptom))
    return found
