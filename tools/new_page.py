"""Start a page: `make new-page PAGE=guides/x [TITLE="..."] [SECTION=Guides]`.

Writes what follows from the page's path, then prints what is left to write:

- `docs/<page>.md`: front matter and the title, with TODO(new-page) markers
  where the description and the page go (a check fails while one is left);
- `snippets/<folder>/` and `tests/<folder>/`, each a package (`<folder>` is the
  page path with `-` as `_`: docsite/registry.py);
- the nav line in mkdocs.yml, after the last page of the same folder or at
  the end of SECTION (llms.txt and the agent skill follow the nav);
- two rows in tools/search_eval.toml (the title, and one TODO for what a
  reader would type), and the page in its `awaiting_blind` list. It never
  writes blind rows: someone who has not read the page does
  (the headers of the blind sets, tools/search_blind*.toml, and of the
  development set, tools/search_dev.toml).

Bad input (a page that exists, a name that is no path, an unknown section)
stops with one error naming it; nothing is written then.
"""

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from docsite import config
from docsite.paths import ROOT
from docsite.registry import folder_of
from docsite.urls import url_of
from tools import search_eval

TODO = "TODO(new-page)"
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")


class NewPageError(Exception):
    """Input the scaffold cannot follow; the message says what to change."""


def page_source(page: str) -> str:
    """`guides/x`, `guides/x.md` or `docs/guides/x.md` -> `guides/x.md`."""
    name = page.strip().removeprefix("docs/").removesuffix(".md").strip("/")
    if not NAME.fullmatch(name):
        raise NewPageError(
            f"PAGE={page!r}: a page path is lowercase words joined by - under "
            "folders, e.g. PAGE=guides/scheduled-functions"
        )
    return f"{name}.md"


def title_of(src: str) -> str:
    """`guides/scheduled-functions.md` -> `Scheduled functions`."""
    words = Path(src).stem.replace("-", " ")
    return words[:1].upper() + words[1:]


def page_text(title: str, folder: str) -> str:
    return (
        "---\n"
        f"description: {TODO} one sentence on what a reader finds here (link "
        "previews, llms.txt, the agent skill's table of references)\n"
        "---\n\n"
        f"# {title}\n\n"
        f"{TODO} the page. Code comes from snippets/{folder}/ (in a python fence, "
        f'`--8<-- "{folder}/<module>.py:<section>"`), and each claim a test '
        'proves ends in a "Tested:" sentence that links it '
        "(`{{ test:tests/" + folder + "/test_<module>.py::test_<name> }}`).\n"
    )


def packages(root: Path, folder: str) -> list[Path]:
    """`__init__.py` of snippets/<folder>/ and tests/<folder>/ and any parent
    package that lacks one."""
    found = []
    for top in ("snippets", "tests"):
        path = root
        for part in [top, *folder.split("/")]:
            path = path / part
            if not (path / "__init__.py").is_file():
                found.append(path / "__init__.py")
    return found


def nav_line(mkdocs_yml: Path, src: str, title: str, section: str | None) -> str:
    """mkdocs.yml with the page's nav line added (as text: comments stay)."""
    entries = config.nav_entries(
        config.read(mkdocs_yml).get("nav") or [], where=f"{mkdocs_yml}: nav"
    )
    if any(entry.src == src for entry in entries):
        raise NewPageError(f"{mkdocs_yml}: the nav lists {src} already")
    sections = sorted({entry.section for entry in entries if entry.section})
    folder = src.rpartition("/")[0]
    if section is not None:
        if section not in sections:
            raise NewPageError(f"SECTION={section!r} is not in the nav: {sections}")
        after = [e for e in entries if e.section == section]
    else:
        after = [e for e in entries if folder and e.src.rpartition("/")[0] == folder]
        if not after:
            raise NewPageError(
                f"name the nav section for {src}: SECTION=<one of {sections}>"
            )
    text = mkdocs_yml.read_text()
    last = re.compile(rf"^(\s*)- [^\n]*:\s*{re.escape(after[-1].src)}\s*$", re.M)
    match = last.search(text)
    if match is None:
        raise NewPageError(f"{mkdocs_yml}: no nav line for {after[-1].src}")
    line = f"\n{match[1]}- {title}: {src}"
    return text[: match.end()] + line + text[match.end() :]


def with_search_rows(data: Path, url: str, title: str) -> str:
    """search_eval.toml with two rows for the page (one TODO) at the end of
    `queries`, and the page in `awaiting_blind`."""
    text = data.read_text()
    if url in search_eval.awaiting_blind(data):
        raise NewPageError(f"{data}: awaiting_blind lists {url} already")
    awaiting = re.search(r"^awaiting_blind = \[(.*)\]$", text, re.M)
    end = re.search(r"^\]\s*\Z", text, re.M)
    if awaiting is None or end is None:
        raise NewPageError(
            f"{data}: expected a line `awaiting_blind = [...]` and `queries = [` "
            "ending with a line `]`"
        )
    pages = [*json.loads(f"[{awaiting[1]}]"), url]
    rows = [
        [title.lower(), url, "term"],
        [f"{search_eval.TODO}: what a reader types to find this page", url, "task"],
    ]
    block = f"\n  # {title}\n" + "".join(f"  {json.dumps(row)},\n" for row in rows)
    text = text[: end.start()] + block + text[end.start() :]
    return text.replace(awaiting[0], f"awaiting_blind = {json.dumps(pages)}")


def scaffold(
    root: Path, page: str, title: str | None = None, section: str | None = None
) -> list[Path]:
    """Write the page's start under `root`; the files written or changed."""
    src = page_source(page)
    title = title or title_of(src)
    folder = folder_of(src)
    doc = root / "docs" / src
    if doc.exists():
        raise NewPageError(f"{doc.relative_to(root)} exists: pick another PAGE")
    mkdocs_yml = root / "mkdocs.yml"
    data = root / "tools" / search_eval.DATA.name
    nav = nav_line(mkdocs_yml, src, title, section)
    search = with_search_rows(data, url_of(src), title)
    inits = packages(root, folder)
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(page_text(title, folder))
    for init in inits:
        init.parent.mkdir(parents=True, exist_ok=True)
        init.touch()
    mkdocs_yml.write_text(nav)
    data.write_text(search)
    return [doc, *inits, mkdocs_yml, data]


def left_to_do(src: str) -> str:
    folder, url = folder_of(src), url_of(src)
    return f"""
Left to write (then `make check`):
  1. docs/{src}: the description and the page ({TODO} marks both).
  2. snippets/{folder}/<module>.py: the code, between named section markers.
  3. tests/{folder}/test_<module>.py: tests that assert what the page claims;
     link each from a "Tested:" sentence. Checks on the page itself (a table,
     a link) go in tests/{folder}/test_page.py.
  4. tools/search_eval.toml: in place of the TODO row, what a reader types to
     find the page (a heading's words count most);
     `make search-ranks PAGE={src.removesuffix(".md")}` ranks its rows. In
     docsite/search_phrases.toml, under each section's link, what readers type
     when it is the answer, in their own words (from the page, never from a
     search set's rows).
  5. `make skill`, and commit skills/ with the page (the skill ships it).
Blind search rows: not yours to write. Ask someone who has not read the page to
add two to each blind set, tools/search_blind*.toml, and to the development
set, tools/search_dev.toml (their headers say how), and to remove {url!r}
from awaiting_blind in tools/search_eval.toml.
Public anchors: none yet (a new page has no links to keep). Give headings
explicit ids ({{#stable-id}}) all the same."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="the page's path under docs/, e.g. guides/x")
    parser.add_argument("--title", help="its title (default: from the path)")
    parser.add_argument("--section", help="its nav section (default: its folder's)")
    args = parser.parse_args(argv)
    try:
        written = scaffold(ROOT, args.page, args.title or None, args.section or None)
    except (NewPageError, config.ConfigError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    print(left_to_do(page_source(args.page)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
