"""The docs site's sources as data: one library for hooks, tests and tools.

- `paths`: where the repository keeps pages, snippets and tests.
- `config`: what mkdocs.yml says (nav, snippet base paths, llms.txt sections).
- `embeds`: `--8<--` embed lines and `[start:name]` sections, read the way
  pymdownx.snippets reads them.
- `urls`: page source path -> the URL MkDocs gives it; public anchors.
- `registry`: every page, its snippet/test folders and the agent skill's pages.
- `placeholders`: `{{ version: }}`, `{{ repo: }}`, `{{ test: }}`, `{{ step-cost: }}`.
- `markdown`: fenced blocks, copy-button text, and a page as plain Markdown.

Only `config` (and `registry`, through it) imports MkDocs, and only its YAML
loader: a hook can use any module while MkDocs loads it, and tests need no build.
Nothing here imports from tests/.
"""
