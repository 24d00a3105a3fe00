"""MkDocs hook: keep Material's compiled Jinja templates in .cache/build/jinja/.

Compiling Material's templates was about an eighth of a build (profiled in
issue 17) and gives the same result for the same template on every build, so
Jinja's own `FileSystemBytecodeCache` (keyed by template name and source
checksum) keeps them between builds. A cold build (no .cache/build, as in CI)
compiles them as before. Nothing else is cached: the site's Markdown copies and
llms.txt are made from the page sources (docsite/finish.py), which is cheap.
"""

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

CACHE = ".cache/build"


def cache_dir(config: MkDocsConfig, name: str) -> Path:
    folder = Path(config.config_file_path).parent / CACHE / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def on_env(
    env: jinja2.Environment, config: MkDocsConfig, files: Files
) -> jinja2.Environment:
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir(config, "jinja")))
    return env
