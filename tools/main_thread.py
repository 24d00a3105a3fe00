"""What a page costs a phone's main thread, from Chromium's own counters.

A page is loaded cold in a phone-sized context (412x823, as Lighthouse's
mobile run) with the CPU slowed four times (CDP `Emulation.setCPUThrottlingRate`)
and watched until it settles: the network is idle and no long task has run
for QUIET_MS. Then it is loaded again at full speed with a trace (the
slowdown's pauses would count as the thread's CPU time). What comes back:

- counts that do not depend on how busy the machine is: elements in the DOM,
  style recalculations and layouts (CDP `Performance.getMetrics`);
- from the trace, the main thread's CPU time (thread time, which a busy
  machine stretches far less than clock time), by kind of work (script,
  style, layout, parsing...): the profile's top costs; and the blocking time
  that CPU time means on a phone four times slower: each task's CPU time x4,
  less 50 ms, added up (as Total Blocking Time counts long tasks, and as
  Lighthouse's simulation scales the tasks it observes);
- the long tasks (over 50 ms) the page itself saw, and the blocking time they
  add up to: what a phone would feel, but on a shared machine as much the
  other processes' doing as the page's.
"""

import dataclasses
import json
import time
from collections import defaultdict
from typing import Any

from playwright.sync_api import Browser, Page

PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
CPU_SLOWDOWN = 4
LONG_TASK_MS = 50
QUIET_MS = 1500  # settled: this long without a long task, after network idle
DEADLINE_S = 60
# Long tasks, as the page sees them (PerformanceObserver, buffered from the
# start). The observer hands its entries to its callback in a task of its own,
# which a busy page may run late: a look (LOOK) also takes the entries it holds
# but has not handed over yet (takeRecords), so none is missed for being late.
WATCH = """
(() => {
  window.__longTasks = [];
  const keep = entries => {
    for (const entry of entries)
      window.__longTasks.push([entry.startTime, entry.duration]);
  };
  const observer = new PerformanceObserver(list => keep(list.getEntries()));
  observer.observe({type: "longtask", buffered: true});
  window.__readLongTasks = () => {
    keep(observer.takeRecords());
    return window.__longTasks;
  };
})();
"""
LOOK = "[performance.now(), window.__readLongTasks()]"
TASK = "RunTask"  # the trace's event for one task of the main thread
# Trace event name -> kind of main-thread work (as DevTools groups them).
KINDS = {
    **dict.fromkeys(
        [
            "EvaluateScript",
            "FunctionCall",
            "TimerFire",
            "EventDispatch",
            "FireAnimationFrame",
            "FireIdleCallback",
            "RunMicrotasks",
            "XHRReadyStateChange",
            "v8.run",
            "v8.callFunction",
            "v8.evaluateModule",
            "V8.Execute",
        ],
        "script",
    ),
    **dict.fromkeys(
        ["v8.compile", "v8.compileModule", "V8.CompileCode", "v8.produceCache"],
        "script compile",
    ),
    **dict.fromkeys(["MinorGC", "MajorGC"], "garbage collection"),
    "ParseHTML": "parse HTML",
    "ParseAuthorStyleSheet": "parse CSS",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    **dict.fromkeys(
        [
            "UpdateLayerTree",
            "PrePaint",
            "Paint",
            "PaintImage",
            "Layerize",
            "Commit",
            "HitTest",
            "IntersectionObserverController::computeIntersections",
        ],
        "rendering",
    ),
}
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8"]


@dataclasses.dataclass
class MainThread:
    elements: int
    style_recalcs: int
    layouts: int
    cpu_ms: float  # the main thread's CPU time, every task
    cpu_blocking_ms: float  # each task's CPU time x4 over 50 ms, added up
    long_tasks: int  # as the page saw them, on this machine, throttled
    blocking_ms: float  # their time over 50 ms each: what TBT adds up
    by_kind_ms: dict[str, float]  # CPU self time per KINDS kind, largest first


def profile(browser: Browser, url: str) -> MainThread:
    """Load `url` cold as a phone twice: slowed four times, until it settles,
    for the counts and the long tasks; then traced at full speed, for the CPU
    time (the slowdown's pauses count as thread time in a trace)."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.add_init_script(WATCH)
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=DEADLINE_S * 1000)
        page.wait_for_load_state("networkidle", timeout=DEADLINE_S * 1000)
        durations = _settled(page)
        metrics = cdp.send("Performance.getMetrics")["metrics"]
        counters = {m["name"]: m["value"] for m in metrics}
        elements = int(page.evaluate("document.getElementsByTagName('*').length"))
    finally:
        context.close()
    thread = main_thread_events(_trace(browser, url), url)
    tasks = [e.get("tdur", 0) / 1000 for e in thread if e["name"] == TASK]
    return MainThread(
        elements=elements,
        style_recalcs=int(counters["RecalcStyleCount"]),
        layouts=int(counters["LayoutCount"]),
        cpu_ms=round(sum(tasks), 1),
        cpu_blocking_ms=round(blocking(t * CPU_SLOWDOWN for t in tasks), 1),
        long_tasks=len(durations),
        blocking_ms=round(blocking(durations), 1),
        by_kind_ms=by_kind(thread),
    )


def _trace(browser: Browser, url: str) -> dict[str, Any]:
    """A trace of a cold load of `url`, until the network is idle."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    try:
        page.goto(url, wait_until="load", timeout=DEADLINE_S * 1000)
        page.wait_for_load_state("networkidle", timeout=DEADLINE_S * 1000)
    finally:
        trace: dict[str, Any] = json.loads(browser.stop_tracing())
        context.close()
    return trace


def blocking(durations: Any) -> float:
    """Total Blocking Time's sum: each task's milliseconds over 50."""
    return float(sum(max(0.0, d - LONG_TASK_MS) for d in durations))


def _settled(page: Page) -> list[float]:
    """The durations of the page's long tasks, once QUIET_MS have passed
    without a new one, counted from the last task or from the first look,
    whichever is later: the observer reports a task after it ends, so a
    slow load's last task may not be in yet at the first look (or DEADLINE_S
    from now: a page that never settles is reported as it stands)."""
    deadline = time.monotonic() + DEADLINE_S
    first = None
    while True:
        now, tasks = page.evaluate(LOOK)
        first = now if first is None else first
        last = max((start + duration for start, duration in tasks), default=first)
        quiet_since = max(last, first)
        if now - quiet_since >= QUIET_MS or time.monotonic() > deadline:
            return [duration for _, duration in tasks]
        page.wait_for_timeout(QUIET_MS - (now - quiet_since))


def main_thread_events(trace: dict[str, Any], url: str) -> list[dict[str, Any]]:
    """The complete events of the main thread of the renderer that committed
    `url` as the page's main frame, in start order, outer events first. (A
    trace covers the whole browser: other tabs' renderers may be in it.)"""
    processes = {
        e["args"]["data"]["processId"]
        for e in trace["traceEvents"]
        if e["name"] == "FrameCommittedInBrowser"
        and e["args"]["data"].get("isOutermostMainFrame")
        and e["args"]["data"].get("url") == url
    }
    threads = {
        (e["pid"], e["tid"])
        for e in trace["traceEvents"]
        if e.get("ph") == "M"
        and e["name"] == "thread_name"
        and e["pid"] in processes
        and e["args"].get("name") == "CrRendererMain"
    }
    return sorted(
        (
            e
            for e in trace["traceEvents"]
            if e.get("ph") == "X" and "dur" in e and (e["pid"], e["tid"]) in threads
        ),
        key=lambda e: (e["ts"], -e["dur"]),
    )


def by_kind(thread: list[dict[str, Any]]) -> dict[str, float]:
    """Milliseconds of CPU self time per kind of work, largest first: each
    event's CPU time less that of the events directly inside it, to its KINDS
    kind or to "other" (mostly the tasks' own bookkeeping)."""
    totals: dict[str, float] = defaultdict(float)
    open_events: list[dict[str, Any]] = []  # each with its self time so far

    def close(event: dict[str, Any]) -> None:
        totals[KINDS.get(event["name"], "other")] += event["self"]

    for event in thread:
        while open_events and event["ts"] >= open_events[-1]["end"]:
            close(open_events.pop())
        cpu = float(event.get("tdur", 0))
        if open_events:
            open_events[-1]["self"] -= cpu
        open_events.append(
            {"name": event["name"], "end": event["ts"] + event["dur"], "self": cpu}
        )
    for event in open_events:
        close(event)
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    return {kind: round(us / 1000, 1) for kind, us in ordered if us > 0}
