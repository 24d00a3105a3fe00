"""Find or provide the Chromium that the browser tests and `make bench` drive.

    python -m tools.browser            # find or provide one; print its path
    python -m tools.browser --find     # only look; never download or install

The order (the first one that runs wins):

1. `CHROMIUM_PATH`, when set (an error if it does not run: it was asked for);
2. a Google Chrome or Chromium on `PATH` (Chrome first), or in the usual macOS
   application folders;
3. Playwright's own Chromium in `.tools/playwright` (the project-local
   `PLAYWRIGHT_BROWSERS_PATH`), downloaded there when missing;
4. as root with `apt-get`, Debian's `chromium` package;
5. otherwise one error that names each option and why it did not apply.

Before any of that, Playwright's driver (the Node.js inside the playwright
wheel) must start: on a minimal Debian it lacks `libatomic.so.1`. As root with
`apt-get` the library's package is installed; otherwise the error names it.

Every candidate must answer `--version`: Ubuntu's `chromium` deb is a stub that
points to snap, and a downloaded Chromium may lack the system libraries it
needs. A download that cannot reach Playwright's host fails within seconds
(a short socket timeout), so the next option is tried instead of a hang.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import playwright

ROOT = Path(__file__).resolve().parents[1]
PLAYWRIGHT_DIR = ROOT / ".tools" / "playwright"
# Branded Chrome first: Playwright supports it (and its own Chromium builds),
# not every Chromium. GitHub's Ubuntu images have both on PATH, the `chromium`
# there a Chromium snapshot a runner-image update can change.
NAMES = ("google-chrome", "google-chrome-stable", "chromium", "chromium-browser")
MAC_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
)
# Playwright waits 30 s for a silent socket, 5 attempts; fail faster when its
# host is unreachable, and give a whole download at most this long.
CONNECT_TIMEOUT_MS = "5000"
DOWNLOAD_TIMEOUT_S = 600
FIXES = (
    "set CHROMIUM_PATH to a Chromium/Chrome binary",
    "install Chromium or Google Chrome",
    "let `make test` reach cdn.playwright.dev to download Playwright's Chromium",
    "or, on Debian/Ubuntu: `sudo apt-get install chromium`",
)


# Shared libraries Playwright's bundled Node.js needs that a minimal Debian
# (debootstrap --variant=minbase) lacks, with the package that has each.
DRIVER_LIBRARIES = {"libatomic.so.1": "libatomic1"}
MISSING_LIBRARY = re.compile(r"error while loading shared libraries: ([^:\s]+)")


class BrowserNotFoundError(FileNotFoundError):
    """No usable browser: the message lists every option and why it failed."""


class DriverError(RuntimeError):
    """Playwright's driver does not start: the message says why and the fix."""


@dataclasses.dataclass(frozen=True)
class Host:
    """Where the finder looks and what it may run; tests point it at fake paths."""

    env: Mapping[str, str]
    is_root: bool
    mac_app_dirs: tuple[Path, ...]  # empty when not on macOS
    playwright_dir: Path
    revision: str  # Playwright's Chromium build, from its browsers.json
    python: str = sys.executable

    @classmethod
    def this_machine(cls) -> Host:
        mac = sys.platform == "darwin"
        apps = (Path("/Applications"), Path.home() / "Applications") if mac else ()
        return cls(
            env=dict(os.environ),
            is_root=hasattr(os, "geteuid") and os.geteuid() == 0,
            mac_app_dirs=apps,
            playwright_dir=PLAYWRIGHT_DIR,
            revision=playwright_revision(),
        )


@dataclasses.dataclass
class Search:
    """The options tried so far, each with what came of it (for the error)."""

    host: Host
    log: Callable[[str], None] = lambda _: None
    tried: list[str] = dataclasses.field(default_factory=list)

    def note(self, option: str, outcome: str) -> None:
        self.tried.append(f"{option}: {outcome}")

    def error(self) -> BrowserNotFoundError:
        lines = ["No Chromium/Chrome for the browser tests. Tried, in order:"]
        lines += [f"  {n}. {t}" for n, t in enumerate(self.tried, start=1)]
        lines.append("Fix one: " + "; ".join(FIXES) + ".")
        return BrowserNotFoundError("\n".join(lines))


def playwright_revision() -> str:
    """The Chromium build the installed Playwright downloads (chromium-<rev>)."""
    package = Path(playwright.__file__).parent / "driver" / "package"
    browsers = json.loads((package / "browsers.json").read_text())["browsers"]
    revision: str = next(b["revision"] for b in browsers if b["name"] == "chromium")
    return revision


def version(path: Path) -> str | None:
    """`path --version`, or None when it does not run as a browser."""
    try:
        done = subprocess.run(
            [str(path), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    words = done.stdout.strip()
    return words if done.returncode == 0 and words else None


def usable(search: Search, option: str, paths: Sequence[Path]) -> Path | None:
    """The first of `paths` that runs; notes the option's outcome when none does."""
    broken = []
    for path in paths:
        if version(path):
            return path
        broken.append(str(path))
    search.note(option, f"{', '.join(broken)} does not run" if broken else "none found")
    return None


def from_env(search: Search) -> Path | None:
    value = search.host.env.get("CHROMIUM_PATH", "")
    if not value:
        search.note("CHROMIUM_PATH", "not set")
        return None
    if version(Path(value)) is None:
        raise BrowserNotFoundError(
            f"CHROMIUM_PATH={value}: not a Chromium/Chrome that runs "
            f"(`{value} --version` failed); fix the path or unset CHROMIUM_PATH"
        )
    return Path(value)


def on_path(search: Search) -> Path | None:
    found: list[Path] = []
    for name in NAMES:
        where = shutil.which(name, path=search.host.env.get("PATH", os.defpath))
        if where and Path(where).resolve() not in {p.resolve() for p in found}:
            found.append(Path(where))
    return usable(search, f"PATH ({', '.join(NAMES)})", found)


def mac_apps(search: Search) -> Path | None:
    if not search.host.mac_app_dirs:
        search.note("macOS applications", "not macOS")
        return None
    apps = [d / app for d in search.host.mac_app_dirs for app in MAC_APPS]
    return usable(search, "macOS applications", [a for a in apps if a.is_file()])


def playwright_build(host: Host) -> list[Path]:
    """The executable of Playwright's Chromium in host.playwright_dir, if complete."""
    build = host.playwright_dir / f"chromium-{host.revision}"
    if not (build / "INSTALLATION_COMPLETE").is_file():
        return []
    patterns = ("*/chrome", "*/*.app/Contents/MacOS/*", "*/chrome.exe")
    return sorted(p for pattern in patterns for p in build.glob(pattern))


def playwright_chromium(search: Search, *, download: bool) -> Path | None:
    host = search.host
    option = f"Playwright's Chromium in {host.playwright_dir}"
    if playwright_build(host) or not download:
        return usable(search, option, playwright_build(host))
    search.log(f"downloading Playwright's Chromium into {host.playwright_dir} ...")
    env = {
        "PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT": CONNECT_TIMEOUT_MS,
        **host.env,
        "PLAYWRIGHT_BROWSERS_PATH": str(host.playwright_dir),
    }
    command = [host.python, "-m", "playwright", "install", "--no-shell", "chromium"]
    failure = run_quietly(command, env, DOWNLOAD_TIMEOUT_S)
    if failure:
        search.note(option, f"download failed ({failure})")
        return None
    return usable(search, option, playwright_build(host))


def apt_get(host: Host) -> str | None:
    return shutil.which("apt-get", path=host.env.get("PATH", os.defpath))


# The apt-gets that have run `update` in this process: a fresh Debian may need
# both the driver's library and chromium, and one update serves both installs.
APT_UPDATED: set[str] = set()


def apt_install(host: Host, apt: str, packages: Sequence[str]) -> str:
    """`apt-get update` (once per run) then install `packages`: '' or why it failed."""
    env = {**host.env, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-qq", "--no-install-recommends", *packages]
    commands = [install] if apt in APT_UPDATED else [[apt, "update", "-qq"], install]
    for command in commands:
        failure = run_quietly(command, env, DOWNLOAD_TIMEOUT_S)
        if failure:
            return f"`{' '.join(command[1:])}` failed ({failure})"
        APT_UPDATED.add(apt)
    return ""


def debian_chromium(search: Search) -> Path | None:
    host = search.host
    option = "Debian's chromium (apt-get, as root)"
    apt = apt_get(host)
    if not (host.is_root and apt):
        search.note(option, "not root" if apt else "no apt-get")
        return None
    search.log("installing Debian's chromium with apt-get ...")
    failure = apt_install(host, apt, ["chromium"])
    if failure:
        search.note(option, failure)
        return None
    found = on_path(Search(host))
    if found is None:
        search.note(option, "installed, but no chromium on PATH runs")
    return found


def driver_problem(host: Host) -> str:
    """'' when Playwright's driver starts (`playwright --version`), else why not."""
    return run_quietly([host.python, "-m", "playwright", "--version"], host.env, 120)


def ensure_driver(host: Host, log: Callable[[str], None] | None = None) -> None:
    """Make sure Playwright's driver starts; with `log`, as root, apt-install
    the library it lacks. Raises DriverError naming the fix otherwise."""
    failure = driver_problem(host)
    if not failure:
        return
    missing = MISSING_LIBRARY.search(failure)
    package = DRIVER_LIBRARIES.get(missing[1]) if missing else None
    apt = apt_get(host)
    if package and host.is_root and apt and log is not None:
        log(f"installing {package} for Playwright's driver with apt-get ...")
        failure = apt_install(host, apt, [package]) or driver_problem(host)
        if not failure:
            return
    fix = (
        f"install {package} (Debian/Ubuntu: `sudo apt-get install {package}`)"
        if package
        else "reinstall the virtualenv (`make clean test`)"
    )
    raise DriverError(
        f"Playwright's driver (the Node.js in the playwright package) does not "
        f"start: {failure}\nFix: {fix}."
    )


def run_quietly(command: list[str], env: Mapping[str, str], timeout: int) -> str:
    """Run `command`; '' on success, else the last line it printed (the reason)."""
    try:
        done = subprocess.run(
            command,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"no answer in {timeout} s"
    except OSError as error:
        return str(error)
    if done.returncode == 0:
        return ""
    lines = [line.strip() for line in (done.stderr + done.stdout).splitlines()]
    reasons = [line for line in lines if line.startswith("Error:")] or lines or ["?"]
    return f"exit {done.returncode}: {reasons[0]}"


def find(host: Host, log: Callable[[str], None] | None = None) -> Path:
    """The first browser in the order above. Without `log` it only looks;
    with it, it also downloads or installs one, reporting progress to `log`."""
    search = Search(host, log or (lambda _: None))
    provide = log is not None
    found = (
        from_env(search)
        or on_path(search)
        or mac_apps(search)
        or playwright_chromium(search, download=provide)
        or (debian_chromium(search) if provide else None)
    )
    if found is None:
        error = search.error()
        if not provide:
            error.args = (
                f"{error}\n(That only looked: `make test`, or "
                "`.venv/bin/python -m tools.browser`, provides one.)",
            )
        raise error
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--find", action="store_true", help="never download/install")
    args = parser.parse_args(argv)
    host = Host.this_machine()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        ensure_driver(host, None if args.find else log)
        path = find(host, None if args.find else log)
    except (BrowserNotFoundError, DriverError) as error:
        log(str(error))
        return 1
    if not args.find:
        log(f"browser tests use {path}")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
