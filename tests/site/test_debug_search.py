"""The built site's search finds the debug guide for every catalogued message.

Splits the built debug page into its sections, as the search index sees them
(each heading with an id and the text up to the next heading), tokenizes them
(split on whitespace and code punctuation, trim punctuation at both ends, lower
case) and checks that every distinctive word of each message in
snippets/guides/debug/messages.txt is in the catalogue entry of the same name.
"""

import html
import re
from pathlib import Path

import pytest

from tests.guides.debug.messages import all_messages

# Entries with no message of their own: what a user would type.
SILENT_ENTRIES = {
    "asyncio-gather": "asyncio.gather step body runs twice",
    "event-name": "event name matches no trigger",
    "if-exp": "wait_for_event times out if_exp never matches",
}
STOP_WORDS = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "in",
    "to",
    "for",
    "is",
    "no",
    "not",
    "has",
}


def _tokens(text: str, separator: str) -> set[str]:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()
    words = (re.sub(r"^\W+|\W+$", "", w) for w in re.split(separator, plain))
    return {w for w in words if w}


def _distinctive(message: str, separator: str) -> set[str]:
    return {
        w for w in _tokens(message, separator) if w not in STOP_WORDS and len(w) > 2
    }


SEPARATOR = r'[\s\-_,;!=\[\](){}"`]+'
HEADING = re.compile(r'<h[1-6] id="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict[str, object]:
    """The debug page's sections: {"config": {"separator"}, "docs": [...]}."""
    text = (built_site / "guides" / "debug" / "index.html").read_text()
    article = text[text.index("<article") : text.index("</article>")]
    found = list(HEADING.finditer(article))
    docs = [
        {
            "location": f"guides/debug/#{match.group(1)}",
            "title": match.group(2),
            "text": article[match.end() : after.start() if after else None],
        }
        for match, after in zip(found, [*found[1:], None], strict=True)
    ]
    return {"config": {"separator": SEPARATOR}, "docs": docs}


def _queries() -> dict[str, str]:
    return {**all_messages(), **SILENT_ENTRIES}


@pytest.mark.parametrize("entry", sorted(_queries()))
def test_search_finds_the_debug_page(entry: str, index: dict[str, object]) -> None:
    config = index["config"]
    assert isinstance(config, dict)
    separator = str(config["separator"])
    docs = index["docs"]
    assert isinstance(docs, list)
    words = _distinctive(_queries()[entry], separator)
    assert words, f"{entry}: no distinctive words to search for"
    hits = [
        d["location"]
        for d in docs
        if words <= _tokens(d["title"] + " " + d["text"], separator)
    ]
    assert f"guides/debug/#{entry}" in hits, (
        f"searching {sorted(words)} does not find the debug entry #{entry}: {hits}"
    )


def test_every_message_has_a_catalogue_heading(index: dict[str, object]) -> None:
    docs = index["docs"]
    assert isinstance(docs, list)
    locations = {d["location"] for d in docs}
    missing = [e for e in _queries() if f"guides/debug/#{e}" not in locations]
    assert not missing, f"messages.txt sections without a heading: {missing}"
