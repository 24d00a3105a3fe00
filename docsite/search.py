"""Site search: Pagefind's index of the built pages, for Material's search box.

Runs after the pages are built (docsite/finish.py), on any generator's output:
Pagefind reads the HTML, so what it indexes is what a reader sees. The box,
its shortcuts and the result cards stay Material's: overrides/main.html points
Material's search worker at docs/assets/search-worker.js, which answers from
this index. Material's own index (search/search_index.json, which Material's
bundle fetches on every page) is then emptied to its config.

What is indexed, and how much each part weighs:
- each page's article (ROOT), without the heading links, the page's buttons,
  the page foot and the code annotation markers (`# (1)!`) (EXCLUDE);
- the reference entries of the API (mkdocstrings) weigh less than prose, so a
  guide's section comes first for an everyday word; the entry's own name (its
  heading) still ranks it first for its identifier (WEIGHTS, in data attributes
  added to the HTML before indexing and removed after);
- an API entry's heading is its signature, `name(arg, *, key=None)`: Pagefind
  would read `name(arg,` as one word, so the copy it indexes has the name
  apart from its arguments (SIGNATURE);
- the site's own words, with how often each occurs, go to VOCABULARY: the
  search worker corrects a typed word that is not one of them to the most
  frequent one a single edit away ("debounse" -> "debounce").
"""

import asyncio
import html
import json
import re
from collections import Counter
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"  # the folder Pagefind writes into the site
# What the site's search loads of it; the rest (Pagefind's own UIs) is removed.
USED = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind")
# Set to "1", the build keeps Material's index whole (the bench compares both).
KEEP_MATERIAL_INDEX = "DOCSITE_KEEP_MATERIAL_INDEX"
MATERIAL_INDEX = Path("search") / "search_index.json"
ROOT = "article.md-content__inner"
EXCLUDE = [
    ".headerlink",  # the ¶ after each heading
    ".md-content__button",  # edit, view and copy buttons
    ".md-source-file",  # the page foot: tested version, last change
    "span.c1",  # the annotation markers: the only comments left in a span
]
# Pagefind weighs words by where they stand (1 = prose): opening tags that
# start with one of these get data-pagefind-weight before indexing.
WEIGHTS = {
    '<div class="doc doc-contents': 0.4,  # an API entry's body (mkdocstrings)
}


# The name in an API entry's heading, before its arguments.
SIGNATURE = re.compile(r'(class="doc doc-heading"[^<]*<code[^>]*>[^<(]*)\(')
VOCABULARY = "vocabulary.json"  # in BUNDLE: {word: occurrences}
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z][a-z0-9]*")
_BODY = re.compile(r"<article[^>]*>(.*?)</article>", re.S)


class SearchIndexError(RuntimeError):
    """Pagefind failed: its own message, with the site folder."""


def pages(site_dir: Path) -> dict[str, str]:
    """URL ("/guides/debug/") -> HTML of every built page with an article
    (not the 404 page, not the redirect pages)."""
    found = {}
    for file in sorted(site_dir.rglob("index.html")):
        text = file.read_text()
        if f'<article class="{ROOT.partition(".")[2].replace(".", " ")}' in text:
            folder = file.parent.relative_to(site_dir).as_posix()
            found["/" if folder == "." else f"/{folder}/"] = text
    return found


def weighted(text: str) -> str:
    """`text` with data-pagefind-weight on the tags WEIGHTS names."""
    for tag, weight in WEIGHTS.items():
        text = text.replace(tag, f'<div data-pagefind-weight="{weight}"{tag[4:]}')
    return SIGNATURE.sub(r"\1 (", text)


def vocabulary(found: dict[str, str]) -> dict[str, int]:
    """Every word of the pages' articles (identifiers split at _ . and
    CamelCase, as the worker splits a query), with its count."""
    counts: Counter[str] = Counter()
    for text in found.values():
        body = _BODY.search(text)
        plain = html.unescape(_TAG.sub(" ", body.group(1) if body else ""))
        plain = re.sub(r"([a-z])([A-Z])", r"\1 \2", plain).lower()
        counts.update(_WORD.findall(plain))
    return dict(sorted(counts.items()))


async def _write(site_dir: Path, found: dict[str, str]) -> None:
    config = IndexConfig(
        root_selector=ROOT,
        exclude_selectors=EXCLUDE,
        force_language="en",
        output_path=str(site_dir / BUNDLE),
    )
    async with PagefindIndex(config=config) as pagefind:
        for url, text in found.items():
            await pagefind.add_html_file(content=weighted(text), url=url)


def index(site_dir: Path, *, keep_material_index: bool = False) -> None:
    """Write Pagefind's index into `site_dir`/pagefind and empty Material's.

    `keep_material_index` leaves Material's index whole (the bench compares
    both engines on one build)."""
    found = pages(site_dir)
    if not found:
        return  # nothing built to search (a folder of downloads only)
    try:
        asyncio.run(_write(site_dir, found))
    except Exception as error:  # the service's own error, whatever its type
        raise SearchIndexError(
            f"pagefind could not index {site_dir}: {error}"
        ) from error
    for file in (site_dir / BUNDLE).iterdir():
        if (
            file.is_file()
            and file.name.startswith(("pagefind-", "wasm."))
            and file.name not in USED
        ):
            file.unlink()
    words = json.dumps(vocabulary(found), separators=(",", ":"))
    (site_dir / BUNDLE / VOCABULARY).write_text(words)
    if not keep_material_index:
        empty_material_index(site_dir / MATERIAL_INDEX)


def empty_material_index(path: Path) -> None:
    """Material's index without documents: its bundle still fetches the file."""
    if path.is_file():
        config = json.loads(path.read_text()).get("config", {})
        path.write_text(json.dumps({"config": config, "docs": []}))
