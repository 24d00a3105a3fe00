"""The site search's ranking rules, each on a small site made for it.

docs/assets/search-worker.js reads a query as a reader types it and ranks the
sections of docsite/search_records.py's index. Each test builds pages where
the rule it names decides the order: without the rule, the other section would
come first (checked by hand against the worker with the rule switched off).
"""

import concurrent.futures
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from docsite import search
from docsite.paths import ROOT
from tests.site.visits import Visit, open_visit
from tools.serve import SiteServer

ARTICLE = (
    '<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
    '<article class="md-content__inner md-typeset"><h1 id="top">{title}</h1>'
    "{body}</article></body></html>"
)
API = (
    '<h2 id="api">API</h2><div class="doc doc-object">'
    '<h3 id="inngest_kit.Executor" class="doc doc-heading"><code>Executor()</code></h3>'
    '<div class="doc doc-contents"><p>Plays the server for tests.</p>'
    '<div class="doc doc-object">'
    '<h4 id="inngest_kit.Executor.run" class="doc doc-heading">'
    "<code>run(fn, event)</code></h4>"
    '<div class="doc doc-contents"><p>Run a function to the end.</p>'
    "</div></div></div></div>"
)
PAGES = {
    "guide": (
        "Guide",
        '<h2 id="sleep">Pause</h2><p>Pause a function with step.sleep for a while.</p>'
        '<h2 id="debounce">Debounce</h2><p>Debounce collapses a burst of events.</p>'
        '<h2 id="retries">Retries</h2><p>A function is retried four times.</p>'
        '<h2 id="questions">Questions</h2><p>How do I do it? How can I do that,'
        " and what do I do when I do it? How do I know? What is it for?</p>"
        '<h2 id="waits">Replies</h2><p>Call ctx.step.wait_for_event until a reply.</p>'
        '<h2 id="runner">Runner</h2><p>A test calls Executor.run, and Executor.run'
        " returns what the function did.</p>"
        '<h2 id="running">Run the app</h2><p>Start it with uvicorn to run it.</p>',
    ),
    "words": (
        "Words",
        '<h2 id="spelled">Wait for an event</h2><p>Wait for the event. Wait for an'
        " event, then wait for events: a wait for each event.</p>",
    ),
    "kit": ("Kit", API),
    "keys": (
        "Keys",
        '<h2 id="rotate">Rotate</h2><p>A signing key, a new signing key, a valid'
        " signing key: rotate the signing key, and keep the valid key.</p>"
        '<h2 id="message">Message</h2><p>The app logs: the signing key is not'
        " valid for this environment.</p>",
    ),
    "cases": (
        "Cases",
        # "pytest" weighted as a heading is: Pagefind scores it past the cap.
        '<h2 id="flags">Flags</h2><p><span data-pagefind-weight="10">'
        "pytest pytest</span> runs it. A function.</p>"
        '<h2 id="calls">Calls</h2><p>Each pytest case calls the function, then'
        " pytest checks the function's result: a function per pytest case."
        " One more function call.</p>",
    ),
    "flow": (
        "Flow control",
        '<h2 id="batch">Batch</h2><p>A batch of events starts one run.</p>'
        '<h2 id="matches">Filters</h2><p>An expression matches the event.</p>'
        '<h2 id="limits">Limits</h2><p>Throttle delays starts; debounce waits for'
        " quiet. Throttle, debounce, throttle again: throttle or debounce, both"
        " limit starts.</p>"
        '<h2 id="which">Which one?</h2><p>A table: debounce for bursts, throttle'
        " for a partner's quota, a batch for bulk writes, concurrency for"
        " load, priority for order, and rate limits for floods of events.</p>",
    ),
}
# An error catalogue: its entries are symptoms' (docsite/search_records.py).
PAGES["debug"] = (
    "Debug",
    '<h2 id="catalogue" class="symptoms">Errors</h2>'
    '<h3 id="retried-fails">Still failing</h3><p>A step retried four times,'
    " then retried again.</p>",
)
# Sections on other things, so that the words above are as rare as a real
# site's names are (Pagefind scores a rare word higher).
PAGES["more"] = (
    "More",
    "".join(
        f'<h2 id="topic-{n}">Topic {n}</h2><p>Another topic, number {n}, on'
        " another part of the app.</p>"
        for n in range(50)
    ),
)

# What readers type for a section (docsite/search_phrases.toml), here: no page
# says "reminder".
PHRASES = '[sections]\n"guide/#sleep" = ["send the reminder three days later"]\n'

# A search worker for each query, as Material starts one; each card's links
# with their previews.
SEARCH = """async (query) => {
  const worker = new Worker(new URL("assets/search-worker.js", location));
  const next = () => new Promise(resolve => { worker.onmessage = e => resolve(e.data); });
  let answer = next();
  worker.postMessage({type: 0, data: {}});
  await answer;
  answer = next();
  worker.postMessage({type: 2, data: query});
  const {data} = await answer;
  worker.terminate();
  return data.items.map(group => group.map(doc => [doc.location, doc.text]));
}"""


def write_site(site: Path) -> None:
    """The pages, the worker, and the index (Pagefind in a thread of its own:
    the browser's event loop runs in this one)."""
    for folder, (title, body) in PAGES.items():
        page = site / folder / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(ARTICLE.format(title=title, body=body))
    (site / "index.html").write_text(ARTICLE.format(title="Home", body="<p>Hi</p>"))
    (site / "404.html").write_text("<p>Not found</p>")
    (site / "assets").mkdir()
    shutil.copy(ROOT / "docs/assets/search-worker.js", site / "assets")
    phrases = site.parent / f"{site.name}-phrases.toml"
    phrases.write_text(PHRASES)
    with (
        pytest.MonkeyPatch.context() as patch,
        concurrent.futures.ThreadPoolExecutor(1) as pool,
    ):
        patch.setattr(search, "PHRASE_FILE", phrases)
        pool.submit(search.index, site).result()


@pytest.fixture(scope="module")
def small_site(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Visit]:
    root = tmp_path_factory.mktemp("engine")
    write_site(root)
    with SiteServer(root) as server:
        visit = open_visit(browser, server)
        visit.goto("")
        yield visit
        visit.context.close()
        assert not visit.external, f"search requested other hosts: {visit.external}"


def previews(visit: Visit, query: str) -> list[list[list[str]]]:
    """Per card, each link with the preview it shows."""
    found: list[list[list[str]]] = visit.page.evaluate(SEARCH, query)
    return found


def cards(visit: Visit, query: str) -> list[list[str]]:
    return [[link for link, _ in card] for card in previews(visit, query)]


def first_section(visit: Visit, query: str) -> str:
    """The first card's best section ("guide/#sleep"), or its page."""
    [page, *sections] = cards(visit, query)[0]
    return sections[0] if sections else page


def order(visit: Visit, query: str) -> list[str]:
    """The pages of the cards, best first."""
    return [card[0] for card in cards(visit, query)]


@pytest.mark.browser
def test_an_identifier_typed_whole_finds_where_it_is_written(
    small_site: Visit,
) -> None:
    # "words/" has each word more often; "guide/#waits" has the name itself,
    # inside a longer one (ctx.step.wait_for_event).
    assert first_section(small_site, "wait_for_event") == "guide/#waits"


@pytest.mark.browser
def test_a_typo_is_read_as_the_site_word_one_letter_away(small_site: Visit) -> None:
    assert first_section(small_site, "debounse") == "guide/#debounce"


@pytest.mark.browser
def test_a_long_word_may_have_two_typos(small_site: Visit) -> None:
    assert first_section(small_site, "debonuse") == "guide/#debounce"  # 8 letters
    assert first_section(small_site, "thrtotle") == "flow/#limits"


@pytest.mark.browser
def test_a_synonym_finds_the_site_word(small_site: Visit) -> None:
    # No page says "countdown" (Celery's word); synonyms.toml maps it to sleep.
    assert first_section(small_site, "countdown") == "guide/#sleep"


@pytest.mark.browser
def test_common_words_do_not_decide(small_site: Visit) -> None:
    assert first_section(small_site, "how do I pause it") == "guide/#sleep"


@pytest.mark.browser
def test_an_api_entry_ranks_below_a_guide_unless_named_exactly(
    small_site: Visit,
) -> None:
    assert order(small_site, "run")[:2] == ["guide/", "kit/"]
    assert first_section(small_site, "Executor.run") == "kit/#inngest_kit.Executor.run"
    # As imported under another name: `import inngest_kit as kit`.
    assert first_section(small_site, "kit.Executor.run") == (
        "kit/#inngest_kit.Executor.run"
    )


@pytest.mark.browser
def test_a_word_the_site_has_in_another_form_is_no_typo(small_site: Visit) -> None:
    # No page says "batches"; "matches" is one letter away, "batch" its stem.
    assert first_section(small_site, "batches") == "flow/#batch"


@pytest.mark.browser
def test_alternatives_find_the_section_that_asks_which(small_site: Visit) -> None:
    # "flow/#limits" has both words more often; "flow/#which" compares them.
    assert first_section(small_site, "throttle or debounce") == "flow/#which"
    assert first_section(small_site, "throttle and debounce") == "flow/#limits"


@pytest.mark.browser
def test_a_word_said_more_often_does_not_decide_alone(small_site: Visit) -> None:
    # "cases/#flags" scores far higher for "pytest" alone; "cases/#calls" has
    # both words often.
    assert first_section(small_site, "pytest function") == "cases/#calls"


@pytest.mark.browser
def test_a_pasted_message_finds_where_it_is_written(small_site: Visit) -> None:
    # "keys/#rotate" has the words more often, "keys/#message" in this order.
    assert first_section(small_site, "signing key is not valid") == "keys/#message"


@pytest.mark.browser
def test_what_readers_type_for_a_section_finds_it(small_site: Visit) -> None:
    assert first_section(small_site, "reminder three days later") == "guide/#sleep"


@pytest.mark.browser
def test_a_preview_shows_the_section_never_its_context(small_site: Visit) -> None:
    # Found by the phrase only: the section's first words.
    [_, (link, shown), *_] = previews(small_site, "reminder three days later")[0]
    assert link == "guide/#sleep"
    assert shown == "Pause. Pause a function with step.sleep for a while."
    # Found by both: Pagefind's excerpt, cut where the context starts.
    [_, (link, shown), *_] = previews(small_site, "pause reminder")[0]
    assert link == "guide/#sleep"
    assert shown.startswith("<mark>Pause.</mark> <mark>Pause</mark> a function")
    assert "reminder" not in shown


@pytest.mark.browser
def test_a_symptom_ranks_lower_unless_something_went_wrong(small_site: Visit) -> None:
    # "debug/#retried-fails" says "retried" more often than "guide/#retries".
    assert first_section(small_site, "retried") == "guide/#retries"
    assert first_section(small_site, "retried but fails") == "debug/#retried-fails"
    assert first_section(small_site, "why not retried") == "debug/#retried-fails"
