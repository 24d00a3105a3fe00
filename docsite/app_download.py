"""The reference app as a download: a zip a reader unzips and runs anywhere.

The zip holds the tested files themselves: the app (`snippets/leadflow/`, as
the package `leadflow`), its tests (`tests/leadflow/` and the expression check
of `tests/patterns/`), the testing kit with its `conftest.py` and the LICENSE,
plus the files written for the download in `snippets/patterns/download/`
(pyproject.toml, README.md, .gitignore). On the way in, the repository's
module names become the download's (`snippets.leadflow` -> `leadflow`),
section and annotation markers are dropped from the code, and the README's
embeds and every
`{{ version:... }}` placeholder are filled in.

`zip_bytes()` is the zip, which docsite/finish.py serves as
`downloads/leadflow.zip`. Nothing here depends on MkDocs.
"""

import io
import re
import zipfile
from pathlib import Path

from docsite import placeholders
from docsite.embeds import EMBED, MARKER
from docsite.markdown import ANNOTATION, PageError, embedded
from docsite.paths import ROOT

ZIP_URI = "downloads/leadflow.zip"
FOLDER = "leadflow"  # what the zip unzips to
SNIPPETS = ROOT / "snippets"
# Repository folder -> folder in the download (every file in it, recursively).
TREES = {
    "snippets/leadflow": "leadflow",
    "tests/leadflow": "tests",
    "snippets/patterns/download": "",
}
# Repository file -> file in the download.
FILES = {
    "snippets/patterns/expressions.py": "tests/expressions.py",
    "tests/patterns/test_expressions.py": "tests/test_expressions.py",
    "inngest_kit.py": "inngest_kit.py",
    "snippets/testing_kit/conftest.py": "conftest.py",
    "LICENSE": "LICENSE",
}
# Module names of the repository -> the download's (longest first).
MODULES = {
    "snippets.patterns.expressions": "tests.expressions",
    "snippets.leadflow": "leadflow",
    "tests.leadflow": "tests",
}
RENAME = re.compile(r"\b(" + "|".join(re.escape(m) for m in MODULES) + r")\b")
BLANK_RUNS = re.compile(r"\n{4,}")  # more than two blank lines in a row
SKIPPED = ("__pycache__", ".pyc")


class DownloadError(Exception):
    """A file the download needs is missing, or its text cannot be filled in."""


def sources(root: Path = ROOT) -> dict[str, Path]:
    """Path in the download -> the repository file it is made from."""
    found = {target: root / source for source, target in FILES.items()}
    for source, target in TREES.items():
        folder = root / source
        if not folder.is_dir():
            raise DownloadError(f"the app download needs the folder {source}/")
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not any(s in str(path) for s in SKIPPED):
                name = path.relative_to(folder).as_posix()
                found[f"{target}/{name}" if target else name] = path
    missing = [str(p.relative_to(root)) for p in found.values() if not p.is_file()]
    if missing:
        raise DownloadError(f"the app download needs {missing}")
    return found


def python_text(text: str) -> str:
    """A tested module as the download has it: download module names, no
    section markers, no annotation markers."""
    lines = [
        ANNOTATION.sub("", line)
        for line in RENAME.sub(lambda m: MODULES[m[1]], text).split("\n")
        if not MARKER.search(line)
    ]
    return BLANK_RUNS.sub("\n\n\n", "\n".join(lines)).rstrip("\n") + "\n"


def expanded(text: str, where: str) -> str:
    """A written file with its embeds and placeholders filled in."""
    out = []
    for line in text.split("\n"):
        embed = EMBED.match(line)
        if embed:
            try:
                out += embedded(embed["path"], embed["section"], [SNIPPETS, ROOT])
            except PageError as err:
                raise DownloadError(f"{where}: {err}") from None
        else:
            out.append(line)
    try:
        return placeholders.expand("\n".join(out), where=where, repo_url=None)
    except placeholders.PlaceholderError as err:
        raise DownloadError(str(err)) from None


def files(root: Path = ROOT) -> dict[str, bytes]:
    """Path in the download -> its content."""
    out = {}
    for name, path in sources(root).items():
        where = str(path.relative_to(root))
        if path.suffix == ".py":
            text = python_text(path.read_text())
        elif path.suffix in {".md", ".toml"}:
            text = expanded(path.read_text(), where)
        else:
            text = path.read_text()
        out[name] = text.encode()
    return out


def zip_bytes(root: Path = ROOT) -> bytes:
    """The download, the same bytes for the same files (fixed dates, sorted)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files(root).items()):
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
