"""The docs site's sources as data: one library for hooks, tests and tools.

- `paths`: where the repository keeps pages, snippets and tests.
- `config`: what mkdocs.yml says (nav, snippet base paths, llms.txt sections).
- `embeds`: `--8<--` embed lines and `[start:name]` sections, read the way
  pymdownx.snippets reads them.
- `urls`: page source path -> the URL MkDocs gives it.
- `registry`: every page, its snippet/test folders and where it is exported.
- `markdown`: fenced blocks, copy-button text, and a page as plain Markdown.

Nothing here imports MkDocs at module level except `config`, so a hook can
use any module without a cycle, and tests can use them without a build.
"""
