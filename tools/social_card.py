"""Draw the link-preview image (og:image) that every page names.

Run after a change of site name or colours, then commit the PNG:
`.venv/bin/python -m tools.social_card`. Material's social plugin would draw one
per page but needs Cairo; one committed 1200x630 card needs only the chromium
the browser tests already use.
"""

import html
import sys

from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from docsite.paths import ROOT
from tools import chromium

OUT = ROOT / "docs" / "assets" / "social-card.png"
WIDTH, HEIGHT = 1200, 630  # the size Open Graph and Twitter cards expect

CARD = """<!doctype html><html><body style="margin:0">
<div style="box-sizing:border-box;width:{w}px;height:{h}px;padding:80px;
  background:#303f9f;color:#fff;font-family:sans-serif;display:flex;
  flex-direction:column;justify-content:space-between">
  <div style="font-size:34px;opacity:.85">Tested reference</div>
  <div style="font-size:72px;font-weight:700;line-height:1.1">{title}</div>
  <div style="font-size:32px;opacity:.9">{tagline}</div>
</div></body></html>"""


def card_html() -> str:
    config = load_config(str(ROOT / "mkdocs.yml"))
    tagline = "Every code block runs in the test suite against the pinned SDK."
    return CARD.format(
        w=WIDTH, h=HEIGHT, title=html.escape(config.site_name), tagline=tagline
    )


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.path(), args=chromium.ARGS
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(card_html())
        OUT.write_bytes(page.screenshot(type="png"))
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
