"""MkDocs hook: redirect pages for moved or renamed pages.

`extra.redirects` in mkdocs.yml maps an old page (source path, as the
mkdocs-redirects plugin spells it) to where its content lives now:

    extra:
      redirects:
        old-name.md: new-name.md#section

The build writes a small HTML page at the old URL that sends the reader on
(meta refresh, plus a script keeping the `#fragment` of the old link) and says
where the page went. Not the mkdocs-redirects plugin: its current release
(1.2.3) requires `properdocs`, a fork of MkDocs, which we do not want in the
lock. A redirect to a page that does not exist, or from a page that still
exists, stops the build with the offending line.
"""

import html
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docsite import config as site_config
from docsite.urls import url_of

_files: Files | None = None


def redirects(config: MkDocsConfig) -> dict[str, str]:
    try:
        return site_config.redirects(config.extra.get("redirects"), where="mkdocs.yml")
    except site_config.ConfigError as err:
        raise PluginError(str(err)) from None


def page(old: str, target: str, title: str, site_url: str) -> str:
    """The HTML written at the old URL (relative links: works under any base)."""
    depth = url_of(old).count("/")
    href = "../" * depth + target
    canonical = site_url.rstrip("/") + "/" + target
    esc = html.escape
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {esc(title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{esc(canonical)}">
<meta http-equiv="refresh" content="0; url={esc(href)}">
<script>
  var target = {json.dumps(href)};
  location.replace(target.indexOf("#") < 0 ? target + location.hash : target);
</script>
</head>
<body>
<p>This page has moved to <a href="{esc(href)}">{esc(title)}</a>.</p>
</body>
</html>
"""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    for old, new in redirects(config).items():
        where = f"mkdocs.yml extra.redirects: {old!r}: {new!r}"
        if files.get_file_from_path(old) is not None:
            raise PluginError(
                f"{where}: {old} still exists; remove the page or the line"
            )
        if files.get_file_from_path(new.partition("#")[0]) is None:
            raise PluginError(f"{where}: no page {new.partition('#')[0]!r} in docs/")
    return files


def on_post_build(config: MkDocsConfig) -> None:
    assert _files is not None
    for old, new in redirects(config).items():
        src, _, fragment = new.partition("#")
        target_file: File | None = _files.get_file_from_path(src)
        assert target_file is not None  # checked in on_files
        title = target_file.page.title if target_file.page else None
        target = url_of(src) + (f"#{fragment}" if fragment else "")
        out = Path(config.site_dir) / url_of(old) / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page(old, target, str(title or src), config.site_url or "/"))
