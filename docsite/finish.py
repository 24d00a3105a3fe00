"""The one post-build step: the site-level artefacts, in any generator's output.

Pages are the generator's job (MkDocs or Zensical, from the same docs/ and
mkdocs.yml); what the site serves besides them is made here from the sources,
so it is the same whichever generator built the pages:

- `<page>/index.md`: each page's Markdown copy ("View as Markdown");
- `llms.txt` and `llms-full.txt`;
- `downloads/inngest-workflow-skill.zip`: the agent skill;
- `downloads/inngest_kit.py`: the testing kit; `downloads/leadflow.zip`: the
  reference app (docsite/app_download.py);
- `pagefind/`: the search index of the built pages (docsite/search.py).

MkDocs calls `finish` from hooks/site.py after each build (`make build`,
`make serve`); `python -m docsite.finish SITE_DIR` runs it on another
generator's output (`make build-zensical`). Redirect pages come from the
redirects plugin's config, which both generators read; the link-preview card is
a file of docs/assets/, which both copy.

To serve another file, add one line to FILES:
`"downloads/name.ext": download("path/in/the/repository"),`.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path

from docsite import app_download, config, llms, search, skill
from docsite.paths import ROOT

Content = str | bytes
Make = Callable[[config.SiteConfig], Content]


def download(path: str) -> Make:
    """The repository's file `path` (from the root), served as it is."""
    source = ROOT / path
    if not source.is_file():
        raise FileNotFoundError(f"docsite/finish.py: no file {path} to serve")
    return lambda site: source.read_bytes()


def skill_zip(site: config.SiteConfig) -> bytes:
    return skill.zip_bytes(skill.build(site.repo_url))


# Site path -> how it is made from the sources and mkdocs.yml's settings.
FILES: dict[str, Make] = {
    "llms.txt": llms.index,
    llms.FULL: lambda site: llms.full(site, served=frozenset(FILES)),
    skill.ZIP_URI: skill_zip,
    "downloads/inngest_kit.py": download("inngest_kit.py"),
    app_download.ZIP_URI: lambda site: app_download.zip_bytes(),
}


def artefacts(site: config.SiteConfig) -> dict[str, Content]:
    """Site path -> content: every page's Markdown copy, then FILES."""
    found: dict[str, Content] = dict(llms.copies(site, served=frozenset(FILES)))
    for path, make in FILES.items():
        if path in found:
            raise ValueError(f"docsite/finish.py: {path} is also a Markdown copy")
        found[path] = make(site)
    return found


def finish(site_dir: Path, site: config.SiteConfig | None = None) -> list[str]:
    """Write every artefact into `site_dir`; the paths written, sorted."""
    made = artefacts(site or config.load())
    for path, content in made.items():
        out = site_dir / path
        out.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content)
    # `make bench` compares Material's own search on the same build.
    keep = os.environ.get(search.KEEP_MATERIAL_INDEX) == "1"
    search.index(site_dir, keep_material_index=keep)
    return sorted(made)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m docsite.finish SITE_DIR", file=sys.stderr)
        return 2
    written = finish(Path(argv[0]))
    print(f"docsite.finish: wrote {len(written)} files into {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
