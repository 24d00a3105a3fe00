"""Search evaluation: run reader queries through a search worker in a browser.

Shared by the browser test (tests/site/test_search.py, in `make test`),
`make bench`, which prints the rates, and `make search-ranks`
(tools/search_ranks.py), which prints each query's rank. Five sets of
queries, each with the page (and section) every query should find, in the same
format and scored by the same code: tools/search_eval.toml, the tuning set
(the one table of search expectations) that changes to the pages and the
engine are checked against; tools/search_dev.toml, a development set written
as the blind sets were but tuned against, like the tuning set; and three blind
sets, each written by someone who had not read the pages, before a change to
the search engine, and never tuned against (their headers say how):
tools/search_blind.toml, before Pagefind replaced Material's search;
tools/search_blind_2.toml, before the index held one record per section;
tools/search_blind_3.toml, after it, for the next change.

Each query goes to Material's search worker (the one the built site ships,
set up as Material's bundle sets it up), and the result is turned into the
cards a reader sees, best first: one card per page, showing the page link and
the sections that score as high as the card's best hit; the other sections
are folded under "N more on this page" and do not count. This mirrors
`renderSearchResultItem` in Material's source (templates/search/index.tsx).
A query's rank is the position of the first card that shows its expected
link: rank 1 means the first card is the right page, with the right section
visible in it. A set's owner is one reader's pick among the sections that
answer a query; tools/search_answers.toml lists, per set, every section an
independent reader judged to answer each query, and "answered" counts a
query whose owner or any of those is shown in the first TOP cards; `reader`
scores that reader's own lists against the owners, as an engine's cards.
"""

import dataclasses
import tomllib
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

import material  # type: ignore[import-untyped]
from playwright.sync_api import Page

DATA = Path(__file__).with_name("search_eval.toml")
BLIND = Path(__file__).with_name("search_blind.toml")
BLIND_2 = Path(__file__).with_name("search_blind_2.toml")
BLIND_3 = Path(__file__).with_name("search_blind_3.toml")
DEV = Path(__file__).with_name("search_dev.toml")
# The sections judged to answer each query, per set (its header says how).
ANSWERS = Path(__file__).with_name("search_answers.toml")
# The name `make bench` prints: its file.
SETS = {
    "tuning": DATA,
    "dev": DEV,
    "blind": BLIND,
    "blind-2": BLIND_2,
    "blind-3": BLIND_3,
}
# The sets whose misses are read (`make bench` prints them): the others are
# never tuned against.
SEEN = ("tuning", "dev")
TOP = 3
MIN_PER_PAGE = 2  # queries per page of the nav, in each set
TODO = "TODO"  # how `make new-page` starts the rows a contributor writes

# Runs in the page: a fresh search worker set up with the site's index as
# Material's setupSearchWorker does, then one query at a time. `engine` names
# the worker (Material's own from the site's config, or another site path that
# speaks Material's worker protocol) and changes to Material's index (the
# separator; boosts by location prefix). Returns each query's result groups and
# the milliseconds from the start to the first answer.
_RUN_QUERIES = """
async ([queries, engine]) => {
  const started = performance.now();
  const config = JSON.parse(document.querySelector("#__config").textContent);
  const base = new URL(config.base, location);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  if (engine.separator) index.config.separator = engine.separator;
  for (const doc of index.docs) {
    for (const [prefix, boost] of engine.boosts) {
      if (doc.location.startsWith(prefix)) doc.boost = (doc.boost || 1) * boost;
    }
  }
  const worker = new Worker(new URL(engine.worker, base));
  const next = () => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
  });
  const ready = next();
  worker.postMessage({type: 0, data: {
    config: index.config, docs: index.docs,
    options: {suggest: config.features.includes("search.suggest")}}});
  await ready;
  const results = [];
  let first = null;
  for (const query of queries) {
    const answer = next();
    worker.postMessage({type: 2, data: query});
    const {data} = await answer;
    if (first === null) first = performance.now() - started;
    results.push(data.items.map(group => group.map(
      doc => ({location: new URL(doc.location, base).href, score: doc.score}))));
  }
  worker.terminate();
  return [results, first];
}
"""


@dataclasses.dataclass(frozen=True)
class Engine:
    """A search engine the site can ship, as tools/search_eval.py runs it."""

    name: str
    worker: str  # site path of the worker
    separator: str = ""  # replaces the index's separator; "" = as built
    boosts: tuple[tuple[str, float], ...] = ()  # (location prefix, factor)


# The site's search (mkdocs.yml, overrides/main.html): Pagefind behind
# Material's box (docs/assets/search-worker.js, docsite/search.py).
PAGEFIND = Engine("pagefind", worker="assets/search-worker.js")
# Material's own worker, which the site's config no longer names.
_THEME = Path(material.__file__).parent / "templates"
[_MATERIAL_WORKER] = (_THEME / "assets/javascripts/workers").glob("search.*.min.js")
MATERIAL_WORKER = _MATERIAL_WORKER.relative_to(_THEME).as_posix()
# Material's own search on the same build, as tuned before Pagefind
# (the search plugin's separator in mkdocs.yml), and with a tokenizer for
# identifiers and per-section boosts: the two it was compared with.
MATERIAL = Engine("material", worker=MATERIAL_WORKER)
MATERIAL_TUNED = Engine(
    "material, identifier tokenizer + section boosts",
    worker=MATERIAL_WORKER,
    # Also split CamelCase, dots that join words (step.run -> step, run, and
    # the whole word stays findable by prefix) and HTML entities.
    separator=r'[\s\-_,;:!=\[\](){}"`/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;',
    # API entries (the testing kit's reference) below guide sections.
    boosts=(("testing-kit/#inngest_kit", 0.3),),
)
ENGINES = (MATERIAL, MATERIAL_TUNED, PAGEFIND)
KEPT = PAGEFIND


@dataclasses.dataclass(frozen=True)
class Query:
    text: str
    expected: str  # "page/#section" or "page/"; the home page is ""
    kind: str  # identifier, error, task, typo, term, ...
    answers: tuple[str, ...] = ()  # the sections judged to answer it (ANSWERS)


@dataclasses.dataclass(frozen=True)
class Outcome:
    query: Query
    cards: list[list[str]]  # per result card, the links it shows

    @property
    def rank(self) -> int | None:
        """1-based position of the card showing the expected link, or None."""
        for position, links in enumerate(self.cards, 1):
            if self.query.expected in links:
                return position
        return None

    @property
    def answered(self) -> bool:
        """A card in the top TOP shows the expected link or one judged to answer."""
        wanted = {self.query.expected, *self.query.answers}
        return any(wanted.intersection(links) for links in self.cards[:TOP])


def answers(name: str, path: Path = ANSWERS) -> dict[str, list[str]]:
    """Query -> the sections judged to answer it, for the set `name` (none
    for a set the file has no table for); a bad file raises ValueError
    naming it, and the set or the query at fault."""
    try:
        table = tomllib.loads(path.read_text()).get(name, {})
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(
            f"{path}: not a TOML file of tables per set ({error})"
        ) from None
    if not isinstance(table, dict):
        raise ValueError(f"{path}: [{name}] must be a table of queries, got {table!r}")
    for query, links in table.items():
        if not isinstance(links, list) or not all(isinstance(x, str) for x in links):
            raise ValueError(
                f"{path}: [{name}] {query!r} must list section links, got {links!r}"
            )
    return dict(table)


def load(path: Path = DATA) -> list[Query]:
    """The evaluation set, with the sections judged to answer each query when
    it is one of SETS; a bad row raises ValueError naming the file and row."""
    try:
        rows = tomllib.loads(path.read_text())["queries"]
    except (tomllib.TOMLDecodeError, KeyError) as error:
        raise ValueError(f"{path}: needs a `queries = [...]` list ({error})") from None
    name = next((name for name, known in SETS.items() if known.name == path.name), None)
    judged = answers(name) if name else {}
    queries = []
    for number, row in enumerate(rows, 1):
        if (
            not isinstance(row, list)
            or len(row) != 3
            or not all(isinstance(cell, str) for cell in row)
            or not row[0].strip()
        ):
            raise ValueError(
                f"{path}: query {number} must be [query, expected, kind] "
                f"(three strings, a non-empty query), got {row!r}"
            )
        text, expected, kind = row
        queries.append(Query(text, expected, kind, tuple(judged.get(text, ()))))
    return queries


def awaiting_blind(path: Path = DATA) -> list[str]:
    """Pages (URLs) whose blind rows are still to be written: `awaiting_blind`."""
    pages = tomllib.loads(path.read_text()).get("awaiting_blind", [])
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        raise ValueError(f'{path}: awaiting_blind must be a list of pages ("a/b/")')
    return pages


# What to do about a page with too few rows, per set.
ADD = {
    "tuning": (
        'add a row ["<what a reader types>", "{page}#<section>", "<kind>"] '
        "(kinds: the header); `make search-ranks PAGE={page}` shows its rank"
    ),
    "blind": (
        "someone who has not read the page writes them, as the header says; "
        "until then list {page!r} in awaiting_blind in tools/search_eval.toml"
    ),
}
ADD["blind-2"] = ADD["blind-3"] = ADD["dev"] = ADD["blind"]


def gaps(
    path: Path,
    queries: list[Query],
    pages: list[str],
    exempt: frozenset[str],
    add: str = ADD["tuning"],
) -> list[str]:
    """What the set at `path` lacks, each naming the file (and the row):
    a row whose page is not one of `pages` (the nav's URLs, "" for home), and
    a page of `pages` outside `exempt` with fewer than MIN_PER_PAGE queries
    (with `add`, what to do, for it)."""
    found = []
    per_page = Counter(query.expected.partition("#")[0] for query in queries)
    for number, query in enumerate(queries, 1):
        page = query.expected.partition("#")[0]
        if page not in pages:
            found.append(
                f"{path}: query {number} ({query.text!r}) expects {query.expected!r},"
                f" but {page or 'home'!r} is no page of the nav"
            )
    for page in pages:
        if page not in exempt and per_page[page] < MIN_PER_PAGE:
            found.append(
                f"{path}: page {page or 'home'!r} has {per_page[page]} of the"
                f" {MIN_PER_PAGE} queries a page needs: {add.format(page=page)}"
            )
    return found


def shown_cards(groups: list[list[dict[str, Any]]], origin: str) -> list[list[str]]:
    """The links each result card shows, as "page/#section" (Material's renderer)."""
    cards: list[list[str]] = []
    for group in groups:
        docs = list(group)
        threshold = docs[0]["score"]
        parent = next(
            (i for i, doc in enumerate(docs) if "#" not in doc["location"]), 0
        )
        article = docs.pop(parent)
        best = [doc for doc in docs if doc["score"] >= threshold]
        cards.append([_relative(doc["location"], origin) for doc in [article, *best]])
    return cards


def _relative(location: str, origin: str) -> str:
    parts = urllib.parse.urlsplit(location.removeprefix(origin))
    path = parts.path.removeprefix("/")
    return path + (f"#{urllib.parse.unquote(parts.fragment)}" if parts.fragment else "")


def run(
    page: Page, origin: str, queries: list[Query], engine: Engine = KEPT
) -> list[Outcome]:
    """Every query through `engine`'s worker; `page` is any built page."""
    return timed_run(page, origin, queries, engine)[0]


def timed_run(
    page: Page, origin: str, queries: list[Query], engine: Engine = KEPT
) -> tuple[list[Outcome], float]:
    """`run`, and the milliseconds from loading the index to the first answer."""
    spec = {
        "worker": engine.worker,
        "separator": engine.separator,
        "boosts": [list(boost) for boost in engine.boosts],
    }
    results, first = page.evaluate(
        _RUN_QUERIES, [[query.text for query in queries], spec]
    )
    outcomes = [
        Outcome(query, shown_cards(groups, origin))
        for query, groups in zip(queries, results, strict=True)
    ]
    return outcomes, float(first or 0)


@dataclasses.dataclass(frozen=True)
class Rates:
    top1: float
    top3: float
    mrr: float  # mean reciprocal rank, 0 for a query whose link is not shown
    total: int
    answered: float  # top TOP with any section judged to answer (ANSWERS)


def reader(queries: list[Query]) -> Rates:
    """The independent reader's rates on a set, scored as an engine's: each
    query's judged sections (ANSWERS), the reader's pick first, one to a card.
    The reader read every page and saw neither the set's owners nor any search
    result: what a careful reader's answer scores against the owners a set
    names. A query with no section judged to answer it is a miss."""
    outcomes = [Outcome(query, [[link] for link in query.answers]) for query in queries]
    return rates(outcomes)


def rates(outcomes: list[Outcome]) -> Rates:
    ranks = [outcome.rank for outcome in outcomes]
    total = len(ranks)
    return Rates(
        top1=sum(rank == 1 for rank in ranks) / total,
        top3=sum(rank is not None and rank <= TOP for rank in ranks) / total,
        mrr=sum(1 / rank for rank in ranks if rank) / total,
        total=total,
        answered=sum(outcome.answered for outcome in outcomes) / total,
    )
