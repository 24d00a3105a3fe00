"""`make bench`: build time, page weight and Lighthouse, against stock Material.

Builds this site and a default Material site (`mkdocs new` + `theme: material`)
in the same run, loads every page cold in chromium, and prints one table with
the ratios (this site / default). Then runs Lighthouse 12 (mobile, the default)
on a few pages served gzip-compressed as GitHub Pages serves them. Writes the
whole report to .bench/report.json.

Needs chromium (CHROMIUM_PATH, default /usr/bin/chromium) and Lighthouse in
.tools/node (the Makefile installs it from tools/lighthouse/package-lock.json).
"""

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from docsite.paths import ROOT
from tests.site import weight
from tools import built_html as html
from tools import chromium
from tools.serve import SiteServer

LIGHTHOUSE = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ["", "quick-reference/", "testing-kit/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPORT = ROOT / ".bench" / "report.json"
DEFAULT_SITE = {
    "mkdocs.yml": "site_name: My Docs\ntheme:\n  name: material\n",
    "docs/index.md": (
        "# Welcome to MkDocs\n\nFor full documentation visit "
        "[mkdocs.org](https://www.mkdocs.org).\n\n## Commands\n\n"
        "* `mkdocs new [dir-name]` - Create a new project.\n"
        "* `mkdocs serve` - Start the live-reloading docs server.\n"
        "* `mkdocs build` - Build the documentation site.\n"
        "* `mkdocs -h` - Print help message and exit.\n\n"
        "## Project layout\n\n    mkdocs.yml    # The configuration file.\n"
        "    docs/\n        index.md  # The documentation homepage.\n"
    ),
}


def build(project: Path, out: Path, site_url: str) -> float:
    """Strict build; returns the wall time in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=project,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def lighthouse(url: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": chromium.path()}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ],
        env=env,
        check=True,
    )
    categories = json.loads(out.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def ratio(ours: float, default: float) -> str:
    return f"{ours / default:.2f}x" if default else "-"


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> None:
    if not LIGHTHOUSE.is_file():
        sys.exit(f"no Lighthouse at {LIGHTHOUSE}: run `make bench` (it installs it)")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    default_project = work / "default"
    for name, text in DEFAULT_SITE.items():
        (default_project / name).parent.mkdir(parents=True, exist_ok=True)
        (default_project / name).write_text(text)
    report: dict[str, Any] = {"sites": {}, "lighthouse": {}}
    with (
        SiteServer(work / "ours", gzip=True) as ours_server,
        SiteServer(work / "default-site", gzip=True) as default_server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=chromium.path(),
            args=chromium.ARGS,
            headless=True,
        )
        for name, project, server in [
            ("ours", ROOT, ours_server),
            ("default", default_project, default_server),
        ]:
            seconds = build(project, server.root, server.origin + "/")
            pages = [
                weight.measure(browser, server, url)
                for url in html.reader_pages(server.root)
            ]
            raw, gzipped = weight.search_index(server.root)
            report["sites"][name] = {
                "build_seconds": round(seconds, 2),
                "search_index": {"raw": raw, "gzip": gzipped},
                "pages": [dataclasses.asdict(page) for page in pages],
            }
        browser.close()
        for url in LIGHTHOUSE_PAGES:
            out = work / f"lh-{url.strip('/') or 'home'}.json"
            report["lighthouse"][url or "/"] = lighthouse(ours_server.url(url), out)
        report["lighthouse"]["default Material home"] = lighthouse(
            default_server.url(""), work / "lh-default.json"
        )
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2))
    print_table(report)
    print(f"\nreport: {REPORT.relative_to(ROOT)}")


def print_table(report: dict[str, Any]) -> None:
    ours, default = report["sites"]["ours"], report["sites"]["default"]
    base = default["pages"][0]  # the default site's only page: its home
    rows = [
        (
            "",
            "build",
            f"{ours['build_seconds']:.2f} s",
            f"{default['build_seconds']:.2f} s",
            ratio(ours["build_seconds"], default["build_seconds"]),
        )
    ]
    index, default_index = ours["search_index"], default["search_index"]
    rows.append(
        (
            "",
            "search index KB raw/gzip",
            f"{kb(index['raw'])}/{kb(index['gzip'])}",
            f"{kb(default_index['raw'])}/{kb(default_index['gzip'])}",
            ratio(index["gzip"], default_index["gzip"]),
        )
    )
    print(f"{'page':<22}{'figure':<26}{'this site':>14}{'default':>14}{'ratio':>9}")
    print("-" * 85)
    for page in ours["pages"]:
        name = page["url"] or "home"
        external = len(page["external"])
        rows.append(
            (
                name,
                "requests (external)",
                f"{len(page['requests']) + external} ({external})",
                f"{len(base['requests']) + len(base['external'])} ({len(base['external'])})",
                ratio(
                    len(page["requests"]) + external,
                    len(base["requests"]) + len(base["external"]),
                ),
            )
        )
        rows.append(
            (
                name,
                "transfer KB raw/gzip",
                f"{kb(page['raw'])}/{kb(page['gzip'])}",
                f"{kb(base['raw'])}/{kb(base['gzip'])}",
                ratio(page["gzip"], base["gzip"]),
            )
        )
        rows.append(
            (
                name,
                "HTML KB raw/gzip",
                f"{kb(page['html_raw'])}/{kb(page['html_gzip'])}",
                f"{kb(base['html_raw'])}/{kb(base['html_gzip'])}",
                ratio(page["html_gzip"], base["html_gzip"]),
            )
        )
    for row in rows:
        print(f"{row[0]:<22}{row[1]:<26}{row[2]:>14}{row[3]:>14}{row[4]:>9}")
    print(
        "\nLighthouse 12, mobile, gzip-served (performance / accessibility / "
        "best practices / SEO)"
    )
    for url, scores in report["lighthouse"].items():
        print(f"  {url:<26}" + " / ".join(str(scores[c]) for c in CATEGORIES))


if __name__ == "__main__":
    main()
