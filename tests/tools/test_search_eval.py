"""tools/search_eval.py: the evaluation sets load (a bad row names the file) and
cover every page of the nav, results become the cards a reader sees, and the
rates count the right ranks."""

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from docsite import config
from docsite.urls import url_of
from tools import search_eval

ORIGIN = "http://127.0.0.1:8000"


def test_the_committed_set_loads() -> None:
    queries = search_eval.load()
    assert queries
    assert all(q.text.strip() and q.kind for q in queries)


def test_a_bad_row_names_the_file_and_the_row(tmp_path: Path) -> None:
    data = tmp_path / "set.toml"
    data.write_text('queries = [\n  ["ok", "page/", "task"],\n  ["", "page/"],\n]\n')
    with pytest.raises(ValueError, match=r"set\.toml: query 2 must be"):
        search_eval.load(data)
    data.write_text("rows = []\n")
    with pytest.raises(ValueError, match=r"set\.toml: needs a `queries"):
        search_eval.load(data)


def doc(location: str, score: float) -> dict[str, Any]:
    return {"location": f"{ORIGIN}/{location}", "score": score}


# Two cards: the steps page (its page entry is not first in the group, and only
# the sections scoring as high as the best hit are shown) and the home page.
GROUPS = [
    [
        doc("steps/#step-run", 9.0),
        doc("steps/", 2.0),
        doc("steps/#step-sleep", 9.0),
        doc("steps/#retries", 3.0),
    ],
    [doc("", 1.0)],
]


def test_a_card_shows_its_page_and_the_sections_as_good_as_its_best() -> None:
    assert search_eval.shown_cards(GROUPS, ORIGIN) == [
        ["steps/", "steps/#step-run", "steps/#step-sleep"],
        [""],
    ]


def test_a_fragment_is_unquoted() -> None:
    groups = [[doc("page/#caf%C3%A9", 1.0)]]
    assert search_eval.shown_cards(groups, ORIGIN) == [["page/#café"]]


class FakePage:
    def __init__(self, results: list[Any]) -> None:
        self.results = results
        self.sent: list[str] = []

    def evaluate(self, script: str, args: list[Any]) -> list[Any]:
        assert "postMessage" in script
        self.sent, self.engine = args
        return [self.results, 12.5]


def test_run_ranks_each_query_by_the_card_showing_its_link() -> None:
    queries = [
        search_eval.Query("step.run", "steps/#step-run", "identifier"),
        search_eval.Query("home", "", "term"),
        search_eval.Query("retries", "steps/#retries", "task"),
    ]
    page = FakePage([GROUPS, GROUPS, GROUPS])
    outcomes = search_eval.run(page, ORIGIN, queries)  # type: ignore[arg-type]
    assert page.sent == ["step.run", "home", "retries"]
    # The site's engine: Pagefind's worker, Material's index as built.
    assert page.engine == {
        "worker": "assets/search-worker.js",
        "separator": "",
        "boosts": [],
    }
    assert [o.rank for o in outcomes] == [1, 2, None]
    rates = search_eval.rates(outcomes)
    assert rates == search_eval.Rates(
        top1=1 / 3, top3=2 / 3, mrr=0.5, total=3, answered=2 / 3
    )


def test_a_rank_past_the_top_three_is_a_miss_for_top3() -> None:
    query = search_eval.Query("q", "d/", "term")
    cards = [["a/"], ["b/"], ["c/"], ["d/"]]
    outcome = search_eval.Outcome(query, cards)
    assert outcome.rank == 4
    rates = search_eval.rates([outcome])
    assert (rates.top1, rates.top3, rates.mrr) == (0, 0, 0.25)


def test_answered_counts_a_section_judged_to_answer_in_the_top_three() -> None:
    query = search_eval.Query("q", "d/#x", "term", answers=("b/#y",))
    assert search_eval.Outcome(query, [["a/"], ["b/", "b/#y"], ["c/"]]).answered
    assert search_eval.Outcome(query, [["d/", "d/#x"]]).answered  # its owner too
    late = search_eval.Outcome(query, [["a/"], ["c/"], ["e/"], ["b/", "b/#y"]])
    assert not late.answered
    assert search_eval.rates([late]).answered == 0


def test_the_reader_is_scored_by_the_place_of_the_owner_in_its_answers() -> None:
    first = search_eval.Query("a", "d/#x", "term", answers=("d/#x", "b/#y"))
    third = search_eval.Query("b", "d/#x", "term", answers=("a/", "b/#y", "d/#x"))
    fourth = search_eval.Query("c", "d/#x", "term", answers=("a/", "b/", "c/", "d/#x"))
    unjudged = search_eval.Query("d", "d/#x", "term")
    rates = search_eval.reader([first, third, fourth, unjudged])
    assert (rates.top1, rates.top3) == (0.25, 0.5)
    assert rates.mrr == pytest.approx((1 + 1 / 3 + 1 / 4) / 4)
    assert rates.answered == 0.75  # its own pick answers, when it has one


def test_a_set_loads_with_the_sections_judged_to_answer() -> None:
    queries = search_eval.load(search_eval.DATA)
    where = next(q for q in queries if q.text == "where to start")
    assert where.answers == ("#start",)
    # Every set of the bench is judged; a file of its own is not.
    judged = {name: search_eval.answers(name) for name in search_eval.SETS}
    assert all(judged.values())


def test_a_set_outside_the_bench_has_no_judgments(tmp_path: Path) -> None:
    data = tmp_path / "set.toml"
    data.write_text('queries = [["where to start", "#start", "task"]]\n')
    assert search_eval.load(data)[0].answers == ()


def test_a_bad_answers_file_names_the_file_and_the_query(tmp_path: Path) -> None:
    bad = tmp_path / "answers.toml"
    bad.write_text('[dev]\n"q" = "a/#b"\n')
    with pytest.raises(ValueError, match=r"answers\.toml: \[dev\] 'q' must list"):
        search_eval.answers("dev", bad)
    assert search_eval.answers("blind", bad) == {}
    bad.write_text('dev = "q"\n')
    with pytest.raises(ValueError, match=r"answers\.toml: \[dev\] must be a table"):
        search_eval.answers("dev", bad)
    bad.write_text("[dev\n")
    with pytest.raises(ValueError, match=r"answers\.toml: not a TOML file"):
        search_eval.answers("dev", bad)


NAV = [url_of(src) for src in config.load().nav_pages()]
AWAITING = frozenset(search_eval.awaiting_blind())
# The blind sets were written for every page but the changelog (see their
# headers; the first before the scheduled-functions page existed); a page added
# later waits in awaiting_blind for someone who has not read it.
EXEMPT = {
    "tuning": frozenset[str](),
    "dev": AWAITING,
    "blind": frozenset({"changelog/"}) | AWAITING,
    "blind-2": frozenset({"changelog/"}) | AWAITING,
    "blind-3": frozenset({"changelog/"}) | AWAITING,
}


@pytest.mark.parametrize("name", search_eval.SETS)
def test_each_set_covers_the_nav(name: str) -> None:
    data = search_eval.SETS[name]
    queries = search_eval.load(data)
    assert queries
    problems = search_eval.gaps(data, queries, NAV, EXEMPT[name], search_eval.ADD[name])
    assert not problems, "\n".join(problems)


def test_a_page_awaiting_blind_rows_has_none_yet() -> None:
    # Done once every blind set has its rows.
    sets = [search_eval.SETS[name] for name in EXEMPT if name != "tuning"]
    counts = [
        Counter(q.expected.partition("#")[0] for q in search_eval.load(data))
        for data in sets
    ]
    done = [
        page
        for page in AWAITING
        if all(count[page] >= search_eval.MIN_PER_PAGE for count in counts)
    ]
    assert not done, (
        f"{search_eval.DATA}: remove {done} from awaiting_blind (its blind rows exist)"
    )
    assert set(NAV) >= AWAITING, f"awaiting_blind names no page of the nav: {AWAITING}"


def test_awaiting_blind_must_be_a_list_of_pages(tmp_path: Path) -> None:
    data = tmp_path / "set.toml"
    data.write_text('awaiting_blind = "a/"\nqueries = []\n')
    with pytest.raises(ValueError, match=r"set\.toml: awaiting_blind must be a list"):
        search_eval.awaiting_blind(data)


def test_no_row_is_left_as_the_scaffold_wrote_it() -> None:
    left = [
        f"{q.expected}: {q.text!r}"
        for q in search_eval.load()
        if q.text.startswith(search_eval.TODO)
    ]
    assert not left, (
        f"{search_eval.DATA}: write what a reader would type to find the page "
        "in place of each TODO (then `make search-ranks PAGE=<page>`):\n"
        + "\n".join(left)
    )


def test_a_gap_names_the_file_the_row_and_what_to_add() -> None:
    data = Path("set.toml")
    queries = [
        search_eval.Query("one", "a/#x", "term"),
        search_eval.Query("two", "a/", "task"),
        search_eval.Query("gone", "old/#y", "identifier"),
        search_eval.Query("front", "", "task"),
    ]
    pages = ["", "a/", "b/", "c/"]
    assert search_eval.gaps(data, queries, pages, frozenset({"c/"}), "add {page}") == [
        "set.toml: query 3 ('gone') expects 'old/#y', but 'old/' is no page of the nav",
        "set.toml: page 'home' has 1 of the 2 queries a page needs: add ",
        "set.toml: page 'b/' has 0 of the 2 queries a page needs: add b/",
    ]
    [tuning] = search_eval.gaps(data, [], ["b/"], frozenset())
    assert 'add a row ["<what a reader types>", "b/#<section>", "<kind>"]' in tuning
    assert "make search-ranks PAGE=b/" in tuning


def test_an_engine_changes_material_index_and_the_run_is_timed() -> None:
    page = FakePage([GROUPS])
    query = search_eval.Query("step.run", "steps/#step-run", "identifier")
    engine = search_eval.MATERIAL_TUNED
    outcomes, first = search_eval.timed_run(page, ORIGIN, [query], engine)  # type: ignore[arg-type]
    assert first == 12.5
    assert page.engine["worker"].startswith("assets/javascripts/workers/search.")
    assert page.engine["separator"] == engine.separator
    assert page.engine["boosts"] == [["testing-kit/#inngest_kit", 0.3]]
    assert outcomes[0].rank == 1
