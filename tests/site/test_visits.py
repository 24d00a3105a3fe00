"""The browser helpers wait for conditions, each with a deadline: a page that
is slow to copy, or an animation that never ends, does not break them."""

import pytest

from tests.site.visits import (
    NOTHING_COPIED,
    Visit,
    copy_every_code_block,
    show_every_code_block,
)

pytestmark = pytest.mark.browser

# Each copy button's click reaches no copy handler; "copied late" reaches the
# clipboard 300 ms later, as a write does on a busy machine.
COPY_LATE = """() => window.addEventListener("click", event => {
    if (!event.target.closest(".md-code__button[data-md-type='copy']")) return;
    event.stopImmediatePropagation();
    setTimeout(() => navigator.clipboard.writeText("copied late"), 300);
}, true)"""
# Each copy click takes 0.7 s before the page copies, as on a busy machine.
SLOW_CLICKS = """() => window.addEventListener("click", event => {
    if (!event.target.closest(".md-code__button[data-md-type='copy']")) return;
    const until = performance.now() + 700;
    while (performance.now() < until);
}, true)"""
# Endless, as Material's pulse on an annotation marker in view.
PULSE_FOR_EVER = """() => document.querySelector("article h1").animate(
    [{opacity: 1}, {opacity: 0.5}], {duration: 500, iterations: Infinity})"""
PULSING = """() => document.getAnimations().some(animation =>
    animation.playState === "running"
    && animation.effect.getComputedTiming().endTime === Infinity)"""


def test_the_copy_check_waits_for_a_late_clipboard_write(visit: Visit) -> None:
    visit.goto("event-naming/")
    visit.page.evaluate(COPY_LATE)
    copied = copy_every_code_block(visit.page)
    assert copied
    assert set(copied) == {"copied late"}


def test_every_copy_works_however_long_the_copies_take_together(visit: Visit) -> None:
    # Chromium lets a page copy within 5 s of a user gesture: 11 blocks at
    # 0.7 s each must not run out of it.
    visit.goto("guides/create/")
    visit.page.evaluate(SLOW_CLICKS)
    copied = copy_every_code_block(visit.page)
    assert len(copied) > 5 / 0.7
    assert NOTHING_COPIED not in copied


def test_showing_the_code_blocks_ends_beside_an_endless_animation(
    visit: Visit,
) -> None:
    visit.goto("event-naming/")
    visit.page.evaluate(PULSE_FOR_EVER)
    show_every_code_block(visit.page)
    assert visit.page.evaluate(PULSING)  # it ran all along, and the wait ended
    assert visit.page.evaluate("!document.querySelector('.md-tabs').hidden")
