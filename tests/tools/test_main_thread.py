"""tools/main_thread.py: a page's main-thread cost, from counters and a trace.

The trace arithmetic runs on made-up traces (exact figures); one real load of a
tiny page in Chromium checks that the counters and the trace are read at all."""

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from tools import chromium, main_thread
from tools.serve import SiteServer


def event(name: str, ts: int, dur: int, tdur: int, tid: int = 1) -> dict[str, Any]:
    """A complete trace event; times in microseconds."""
    return {
        "ph": "X",
        "name": name,
        "ts": ts,
        "dur": dur,
        "tdur": tdur,
        "pid": 7,
        "tid": tid,
    }


URL = "http://127.0.0.1:9/page/"
# Process 7 committed the page: its main thread ran two tasks, the first a
# script that forces a style recalculation; its worker thread and process 8
# (another tab) are not the page's main thread.
TRACE = {
    "traceEvents": [
        {
            "ph": "X",
            "name": "FrameCommittedInBrowser",
            "pid": 1,
            "tid": 1,
            "ts": 0,
            "args": {
                "data": {"processId": 7, "url": URL, "isOutermostMainFrame": True}
            },
        },
        {
            "ph": "M",
            "name": "thread_name",
            "pid": 7,
            "tid": 1,
            "args": {"name": "CrRendererMain"},
        },
        {
            "ph": "M",
            "name": "thread_name",
            "pid": 7,
            "tid": 2,
            "args": {"name": "DedicatedWorker thread"},
        },
        {
            "ph": "M",
            "name": "thread_name",
            "pid": 8,
            "tid": 1,
            "args": {"name": "CrRendererMain"},
        },
        event("RunTask", 0, 100_000, 80_000),
        event("ParseHTML", 1_000, 10_000, 9_000),
        event("EvaluateScript", 20_000, 70_000, 60_000),
        event("UpdateLayoutTree", 30_000, 20_000, 15_000),
        event("RunTask", 200_000, 5_000, 4_000),
        event("Layout", 201_000, 2_000, 2_000),
        event("RunTask", 0, 500_000, 400_000, tid=2),
        {**event("ParseHTML", 0, 9_000, 9_000), "pid": 8},
    ]
}


def test_the_main_thread_is_that_of_the_renderer_that_committed_the_page() -> None:
    thread = main_thread.main_thread_events(TRACE, URL)
    assert [e["name"] for e in thread] == [
        "RunTask",
        "ParseHTML",
        "EvaluateScript",
        "UpdateLayoutTree",
        "RunTask",
        "Layout",
    ]
    assert main_thread.main_thread_events(TRACE, "http://elsewhere/") == []


def test_each_kind_gets_the_cpu_time_of_its_events_less_their_children() -> None:
    kinds = main_thread.by_kind(main_thread.main_thread_events(TRACE, URL))
    assert kinds == {
        "script": 45.0,  # 60 ms less the 15 of the recalculation inside it
        "style": 15.0,
        "other": 13.0,  # the tasks' own time: 80 - 9 - 60, and 4 - 2
        "parse HTML": 9.0,
        "layout": 2.0,
    }


def test_blocking_is_each_task_over_50_ms() -> None:
    assert main_thread.blocking([30.0, 50.0, 80.0, 120.0]) == 100.0
    assert main_thread.blocking([]) == 0.0


class FakeBrowser:
    """Chromium as profile() drives it: the slowed load sees one long task of
    120 ms, still going on the first look; the trace is TRACE."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, object]] = []
        self.waited: list[float] = []
        self.looks = iter([[1000.0, [[900.0, 120.0]]], [3000.0, [[900.0, 120.0]]]])
        self.closed = 0

    def new_context(self, **options: Any) -> Any:
        assert options == main_thread.PHONE
        page = SimpleNamespace(
            add_init_script=lambda script: None,
            goto=lambda url, wait_until, timeout: None,
            wait_for_load_state=lambda state, timeout: None,
            wait_for_timeout=self.waited.append,
            evaluate=self.evaluate,
        )
        return SimpleNamespace(
            new_page=lambda: page,
            new_cdp_session=lambda page: SimpleNamespace(send=self.send),
            close=self.close,
        )

    def evaluate(self, expression: str) -> Any:
        if expression == main_thread.LOOK:
            return next(self.looks)
        return 25

    def send(self, method: str, params: object = None) -> Any:
        self.sent.append((method, params))
        counters = {"RecalcStyleCount": 3, "LayoutCount": 2, "Nodes": 99}
        return {"metrics": [{"name": k, "value": v} for k, v in counters.items()]}

    def close(self) -> None:
        self.closed += 1

    def start_tracing(self, page: object, categories: list[str]) -> None:
        assert categories == main_thread.TRACE_CATEGORIES

    def stop_tracing(self) -> bytes:
        return json.dumps(TRACE).encode()


def test_profile_puts_the_slowed_load_and_the_trace_together() -> None:
    browser = FakeBrowser()
    cost = main_thread.profile(browser, URL)  # type: ignore[arg-type]
    assert cost == main_thread.MainThread(
        elements=25,
        style_recalcs=3,
        layouts=2,
        cpu_ms=84.0,  # the two tasks' CPU time
        cpu_blocking_ms=270.0,  # 80 ms x4 = 320, less 50; 4 ms x4 is short
        long_tasks=1,
        blocking_ms=70.0,
        by_kind_ms=main_thread.by_kind(main_thread.main_thread_events(TRACE, URL)),
    )
    assert ("Emulation.setCPUThrottlingRate", {"rate": 4}) in browser.sent
    assert browser.waited == [1520.0]  # until 1.5 s after the task ended
    assert browser.closed == 2  # both loads' contexts


def test_a_slow_load_is_watched_quiet_for_the_whole_period() -> None:
    """At the first look (5 s in: a slow machine) no task is reported yet: the
    observer reports one after it ends. The wait is a full quiet period from
    that look, not from the page's start, and the task seen then counts."""
    browser = FakeBrowser()
    browser.looks = iter([[5000.0, []], [6500.0, [[4000.0, 200.0]]]])
    cost = main_thread.profile(browser, URL)  # type: ignore[arg-type]
    assert browser.waited == [1500.0]
    assert cost.long_tasks == 1


@pytest.mark.browser
def test_profile_reads_the_counters_the_long_tasks_and_the_trace(
    tmp_path: Path, chromium_browser: Browser
) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><title>t</title></head><body>"
        + "<p>text</p>" * 20
        # one long task: 200 ms of script, longer still at a quarter speed
        + "<script>const t = performance.now(); while (performance.now() - t < 200);"
        "</script></body></html>"
    )
    with SiteServer(tmp_path) as server:
        cost = main_thread.profile(chromium_browser, server.url(""))
    assert cost.elements == 25  # html, head, title, body, 20 p, script
    assert cost.style_recalcs >= 1
    assert cost.layouts >= 1
    assert cost.long_tasks >= 1
    assert cost.blocking_ms >= 150
    assert cost.cpu_ms > 0
    assert "parse HTML" in cost.by_kind_ms
    assert cost.by_kind_ms["script"] > 0


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS, headless=True
        )
        yield browser
        browser.close()
