"""The site for readers without a browser: every page's Markdown copy, llms.txt
and llms-full.txt (https://llmstxt.org/), made from the page sources.

The same renderer as the agent skill (docsite.markdown.plain_markdown), so a
page reads the same in its copy, in llms-full.txt and in the skill. Links are
relative (a copy links the other pages' copies; llms.txt its entries), so a
local build never points at a local server's address and a deployed one works
under any address.
"""

from docsite.config import NavEntry, SiteConfig
from docsite.markdown import Links, page_facts, page_source, plain_markdown
from docsite.urls import markdown_uri

FULL = "llms-full.txt"
INTRO = (
    'Each page links to a Markdown copy of itself ("View as Markdown"). Code on '
    "every page is executed by the test suite against the pinned Inngest Python SDK."
)


def _render(site: SiteConfig, src: str, here: str, served: frozenset[str]) -> str:
    pages = {page: markdown_uri(page) for page in site.nav_pages()}
    links = Links(here=here, pages=pages, repo_url=site.repo_url, served=served)
    text = page_source(src)
    return plain_markdown(text, page=src, links=links, bases=site.snippet_bases)


def copies(site: SiteConfig, served: frozenset[str] = frozenset()) -> dict[str, str]:
    """`a/b/index.md` -> the Markdown copy of `a/b.md`, for every page in the
    nav; `served`: files the site makes that a page may link to."""
    return {
        markdown_uri(src): _render(site, src, markdown_uri(src), served)
        for src in site.nav_pages()
    }


def sections(site: SiteConfig) -> dict[str, list[NavEntry]]:
    """The nav's sections in order; a page at the top of the nav is its own."""
    found: dict[str, list[NavEntry]] = {}
    for entry in site.nav:
        found.setdefault(entry.section or entry.title, []).append(entry)
    return found


def _header(site: SiteConfig) -> list[str]:
    return [f"# {site.site_name}", "", f"> {site.site_description}", "", INTRO, ""]


def index(site: SiteConfig) -> str:
    """llms.txt: the site's name and summary, then each nav section's pages,
    each a link to its Markdown copy with the page's description."""
    lines = _header(site)
    for section, entries in sections(site).items():
        lines += [f"## {section}", ""]
        for entry in entries:
            _, description = page_facts(entry.src)
            lines.append(f"- [{entry.title}]({markdown_uri(entry.src)}): {description}")
        lines.append("")
    return "\n".join(lines)


def full(site: SiteConfig, served: frozenset[str] = frozenset()) -> str:
    """llms-full.txt: every page's Markdown, in nav order, in one file."""
    pages = [_render(site, src, FULL, served) for src in site.nav_pages()]
    return "\n".join(_header(site)) + "\n" + "\n".join(pages)
