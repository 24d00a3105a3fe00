"""Site search: Pagefind's index of the built pages, for Material's search box.

Runs after the pages are built (docsite/finish.py), on any generator's output:
Pagefind reads the HTML, so what it indexes is what a reader sees, plus each
section's context, which no reader sees (docsite/search_records.py). The box,
its shortcuts and the result cards stay Material's: overrides/main.html points
Material's search worker at docs/assets/search-worker.js, which answers from
this index. Material's own index (search/search_index.json, which Material's
bundle fetches on every page) is then emptied to its config.

What is indexed: one record per section of each page's article
(docsite/search_records.py: the section and its context),
without the heading links, the page's buttons, the page foot and the code
comments (EXCLUDE). Beside the index, in BUNDLE:
- VOCABULARY, the site's own words (the phrases' too) with how often each
  occurs: the search worker reads a typed word that is none of them (nor a
  form of one) as the site word one edit away, two for a word of 8 letters or
  more ("debounse" -> "debounce"), when there is one;
- SYNONYMS, groups of words readers use for the same thing (docsite/
  synonyms.toml): the worker also searches a query word's group, at a lower
  score;
- API_ENTRIES, the URLs of the API entries' sections: the worker ranks them
  below guide sections unless one is named what was typed;
- SYMPTOM_ENTRIES, the URLs of the error catalogue's entries: the worker
  ranks them lower for a query that says nothing went wrong, unless the
  entry has four or more of the query's words in a row, in its text or its
  phrases (a pasted message, a reader's words for it).
The phrases readers type for a section (docsite/search_phrases.toml) are
indexed with it, in its context, and their words are in VOCABULARY too.
"""

import asyncio
import gzip
import json
import re
import shutil
import tomllib
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex

from docsite import search_records, sections
from docsite.search_records import ROOT

BUNDLE = "pagefind"  # the folder Pagefind writes into the site
# What the site's search loads of it; the rest (Pagefind's own UIs) is removed.
USED = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind")
# Set to "1", the build keeps Material's index whole (the bench compares both).
KEEP_MATERIAL_INDEX = "DOCSITE_KEEP_MATERIAL_INDEX"
ATTEMPTS = 3  # writes of an index that came out incomplete (see `incomplete`)
MATERIAL_INDEX = Path("search") / "search_index.json"
EXCLUDE = [
    ".headerlink",  # the ¶ after each heading
    ".md-content__button",  # edit, view and copy buttons
    ".md-source-file",  # the page foot: tested version, last change
    "span.c1",  # code comments: annotation markers (`# (1)!`) and lint pragmas
]
VOCABULARY = "vocabulary.json"  # in BUNDLE: {word: occurrences}
SYNONYMS = "synonyms.json"  # in BUNDLE: {word: [words of its groups]}
SYNONYM_FILE = Path(__file__).with_name("synonyms.toml")
PHRASE_FILE = Path(__file__).with_name("search_phrases.toml")
API_ENTRIES = "api.json"  # in BUNDLE: [section URL, ...]
SYMPTOM_ENTRIES = "symptoms.json"  # in BUNDLE: [section URL, ...]
_WORD = re.compile(r"[a-z][a-z0-9]*")


class SearchIndexError(RuntimeError):
    """The index could not be written: Pagefind's own message with the site
    folder, an index Pagefind wrote incomplete, or what is wrong with the
    synonyms or the phrases file."""


def pages(site_dir: Path) -> dict[str, str]:
    """URL ("/guides/debug/") -> HTML of every built page with an article
    (not the 404 page, not the redirect pages)."""
    found = {}
    for file in sorted(site_dir.rglob("index.html")):
        text = file.read_text()
        if search_records.article(text):
            folder = file.parent.relative_to(site_dir).as_posix()
            found["/" if folder == "." else f"/{folder}/"] = text
    return found


def _read(path: Path, key: str, needs: str) -> Any:
    """`key` of the TOML file at `path`; SearchIndexError saying what it needs."""
    try:
        return tomllib.loads(path.read_text())[key]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as error:
        raise SearchIndexError(f"{path}: needs {needs} ({error})") from None


def synonyms(path: Path | None = None) -> dict[str, list[str]]:
    """Word -> the other words of its groups, from `path`'s (SYNONYM_FILE's)
    `groups`: lists of lower-case words. A bad file raises SearchIndexError
    naming it."""
    path = path or SYNONYM_FILE
    groups = _read(path, "groups", "`groups = [[...], ...]`")
    found: dict[str, list[str]] = {}
    for number, group in enumerate(groups if isinstance(groups, list) else [None], 1):
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(w, str) and _WORD.fullmatch(w) for w in group)
        ):
            raise SearchIndexError(
                f"{path}: group {number} must list two or more lower-case words"
                f" (letters and digits), got {group!r}"
            )
        for word in group:
            others = [other for other in group if other != word]
            found[word] = [*found.get(word, []), *others]
    return found


def phrases(path: Path | None = None) -> dict[str, list[str]]:
    """Section link -> what readers type when it is the answer, from `path`'s
    (PHRASE_FILE's) `[sections]` table. A bad file raises SearchIndexError
    naming it, and the section at fault; so does a phrase under two sections
    (it belongs to the one that answers it best)."""
    path = path or PHRASE_FILE
    table = _read(path, "sections", 'a `[sections]` table of "page/#anchor" = [...]')
    if not isinstance(table, dict):
        raise SearchIndexError(f"{path}: `sections` must be a table, got {table!r}")
    owner: dict[str, str] = {}
    for link, said in table.items():
        if not isinstance(said, list) or not all(
            isinstance(p, str) and p.strip() and p == p.lower() and "\n" not in p
            for p in said
        ):
            raise SearchIndexError(
                f"{path}: section {link!r} must list phrases (lower-case, one"
                f" line each), got {said!r}"
            )
        for phrase in said:
            if owner.setdefault(phrase, link) != link:
                raise SearchIndexError(
                    f"{path}: {phrase!r} is under {owner[phrase]!r} and {link!r}:"
                    " keep it under the section that answers it best"
                )
    return table


def unknown_sections(
    said: dict[str, list[str]], records: list[search_records.Record]
) -> list[str]:
    """The links in `said` whose page was built without that section (a
    renamed anchor). A page not built at all is not checked: the built-site
    test (tests/site/test_search.py) checks every link against the whole site."""
    built = {record.url[1:] for record in records}
    pages = {link.split("#")[0] for link in built}
    return [link for link in said if link.split("#")[0] in pages and link not in built]


def vocabulary(found: dict[str, str], extra: list[str] | None = None) -> dict[str, int]:
    """Every word of the pages' articles (identifiers split at _ . and
    CamelCase, as the worker splits a query), and of `extra` texts, with its
    count."""
    counts: Counter[str] = Counter()
    for text in found.values():
        plain = sections.text(search_records.article(text))
        plain = re.sub(r"([a-z])([A-Z])", r"\1 \2", plain).lower()
        counts.update(_WORD.findall(plain))
    for text in extra or []:
        counts.update(_WORD.findall(text.lower()))
    return dict(sorted(counts.items()))


async def write(site_dir: Path, records: list[search_records.Record]) -> None:
    """Pagefind's index of `records`, written to `site_dir`/BUNDLE."""
    config = IndexConfig(
        root_selector=ROOT,
        exclude_selectors=EXCLUDE,
        force_language="en",
        output_path=str(site_dir / BUNDLE),
    )
    async with PagefindIndex(config=config) as pagefind:
        for record in records:
            await pagefind.add_html_file(content=record.html, url=record.url)


def incomplete(bundle: Path) -> str | None:
    """The first file of Pagefind's output that is not whole (its entry file
    that does not parse, an empty file, a compressed file that does not
    decompress), or None.

    On a busy machine Pagefind's service now and then answers that it wrote
    the files before the last one is on disk; an index missing its entry file
    loads no search at all."""
    entry = bundle / "pagefind-entry.json"
    try:
        json.loads(entry.read_text())["languages"]
    except (OSError, ValueError, KeyError, TypeError):
        return entry.name
    for file in sorted(f for f in bundle.rglob("*") if f.is_file()):
        name = file.relative_to(bundle).as_posix()
        data = file.read_bytes()
        if not data:
            return name
        if file.suffix.startswith((".pf_", ".pagefind")):
            try:
                gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                return name
    return None


def index(site_dir: Path, *, keep_material_index: bool = False) -> None:
    """Write Pagefind's index into `site_dir`/pagefind and empty Material's.

    `keep_material_index` leaves Material's index whole (the bench compares
    both engines on one build)."""
    found = pages(site_dir)
    if not found:
        return  # nothing built to search (a folder of downloads only)
    groups = synonyms()  # a bad file stops the build before Pagefind runs
    said = phrases()
    records = [
        record
        for url, text in found.items()
        for record in search_records.records(url, text, said)
    ]
    unknown = unknown_sections(said, records)
    if unknown:
        raise SearchIndexError(
            f"{PHRASE_FILE}: no section {', '.join(map(repr, unknown))} on the built"
            " pages: move its phrases to the section's new link, or remove them"
        )
    bundle = site_dir / BUNDLE
    for attempt in range(1, ATTEMPTS + 1):
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            asyncio.run(write(site_dir, records))
        except Exception as error:  # the service's own error, whatever its type
            raise SearchIndexError(
                f"pagefind could not index {site_dir}: {error}"
            ) from error
        broken = incomplete(bundle)
        if broken is None:
            break
        if attempt == ATTEMPTS:
            raise SearchIndexError(
                f"pagefind wrote an incomplete index {ATTEMPTS} times in a row:"
                f" {bundle / broken} is empty or cut short"
            )
    for file in bundle.iterdir():
        if (
            file.is_file()
            and file.name.startswith(("pagefind-", "wasm."))
            and file.name not in USED
        ):
            file.unlink()
    typed = [phrase for listed in said.values() for phrase in listed]
    words = json.dumps(vocabulary(found, typed), separators=(",", ":"))
    (bundle / VOCABULARY).write_text(words)
    for name, data in (
        (SYNONYMS, groups),
        (API_ENTRIES, [record.url[1:] for record in records if record.api]),
        (SYMPTOM_ENTRIES, [record.url[1:] for record in records if record.symptom]),
    ):
        (bundle / name).write_text(json.dumps(data, separators=(",", ":")))
    if not keep_material_index:
        empty_material_index(site_dir / MATERIAL_INDEX)


def empty_material_index(path: Path) -> None:
    """Material's index without documents: its bundle still fetches the file."""
    if path.is_file():
        config = json.loads(path.read_text()).get("config", {})
        path.write_text(json.dumps({"config": config, "docs": []}))
