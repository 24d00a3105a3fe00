"""In a browser: "View as Markdown" opens the page's Markdown copy, "Copy
page" puts it on the clipboard, and "Report a problem" is a plain link."""

import pytest
from playwright.sync_api import expect

from tests.site.visits import Visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("url", "title"),
    [("", "# Durable Inngest workflows"), ("guides/debug/", "# Debug a workflow")],
)
def test_view_as_markdown_opens_the_pages_markdown(
    visit: Visit, url: str, title: str
) -> None:
    visit.goto(url)
    link = visit.page.get_by_role("link", name="View as Markdown")
    expect(link).to_be_visible()
    markdown = visit.site.url(url + "index.md")
    # This navigation, not another the tab may make meanwhile (a same-document
    # one has no response).
    with visit.page.expect_navigation(url=markdown) as navigation:
        link.click()
    response = navigation.value
    assert response is not None
    assert response.ok
    assert visit.page.url == markdown
    assert visit.page.locator("body").inner_text().startswith(title)


def test_copy_page_copies_the_markdown(visit: Visit) -> None:
    visit.goto("quick-reference/")
    visit.page.evaluate("navigator.clipboard.writeText('<nothing copied>')")
    button = visit.page.get_by_role("button", name="Copy page as Markdown")
    button.click()
    expect(button).to_have_attribute("data-copied", "")
    copied = visit.page.evaluate("navigator.clipboard.readText()")
    expected = visit.page.request.get(visit.site.url("quick-reference/index.md"))
    assert copied == expected.text()
    assert copied.startswith("# Quick reference\n")


def test_report_a_problem_is_a_link_without_scripts(visit: Visit) -> None:
    visit.goto("concepts/")
    link = visit.page.get_by_role("link", name="Report a problem with this page")
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    assert "/issues/new?title=" in href
    assert "concepts%2F" in href or "concepts/" in href
