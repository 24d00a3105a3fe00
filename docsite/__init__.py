"""The docs site's sources as data: one library for hooks, tests and tools.

- `paths`: where the repository keeps pages, snippets and tests.
- `config`: what mkdocs.yml says (nav, snippet base paths, repository, redirects).
- `embeds`: `--8<--` embed lines and `[start:name]` sections, read the way
  pymdownx.snippets reads them.
- `urls`: page source path -> the URL MkDocs gives it; public anchors.
- `registry`: every page, its snippet/test folders and the agent skill's pages.
- `placeholders`: `{{ version: }}`, `{{ repo: }}`, `{{ test: }}`, `{{ step-cost: }}`
  (`step_cost`: the figures of the step-cost data file).
- `changelog`: the changelog page from changelog.yml.
- `markdown`: fenced blocks, copy-button text, and a page as plain Markdown.
- `llms`, `skill`: every page's Markdown copy, llms.txt, llms-full.txt and the
  agent skill, made with `markdown`.
- `finish`: the one post-build step that writes them into a built site.

`placeholders` and `changelog` are also Python-Markdown extensions (listed in
mkdocs.yml's markdown_extensions), so any generator that runs Python-Markdown
(MkDocs, Zensical) renders pages the same way. Nothing here imports hooks/
(MkDocs glue) or tools/.

Only `config` (and modules through it) imports MkDocs, and only its YAML
loader: a hook can use any module while MkDocs loads it, and tests need no build.
Nothing here imports from tests/.
"""
