"""One `mkdocs build --strict` per test run, shared by the pytest-xdist workers.

The first worker to start takes a lock file in the run's shared temporary
folder and builds in the background while the tests run on; any worker that
needs the site waits for that one build (or runs it, if none was started).
"""

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from docsite.paths import ROOT
from docsite.urls import LOCAL_SITE_URL

# A site `make build` already made, to test instead of building one: CI builds
# once, tests that build and deploys it. SITE_URL must then be the one it was
# built with: links, sitemap and canonical URLs are checked against it.
PREBUILT_SITE = os.environ.get("TEST_SITE_DIR", "")
SITE_URL = (
    os.environ.get("SITE_URL", LOCAL_SITE_URL) if PREBUILT_SITE else LOCAL_SITE_URL
)


def command(out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]


def environment() -> dict[str, str]:
    return {**os.environ, "SITE_URL": LOCAL_SITE_URL}


def outcome(returncode: int, errors: str) -> str:
    """What the log keeps: '' for a passing build, else what mkdocs printed."""
    return "" if returncode == 0 else errors or f"(exit {returncode}, no output)"


class SharedBuild:
    """The build in `folder`/site; `folder`/site-build.log says how it went."""

    def __init__(self, folder: Path) -> None:
        self.site = folder / "site"
        self.log = folder / "site-build.log"
        self.lock_file = folder / "site.lock"
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Build in the background, unless another worker has started already."""
        lock = self.lock_file.open("w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            return
        if self.log.exists():
            lock.close()  # closing the file releases the lock
            return
        process = subprocess.Popen(
            command(self.site),
            cwd=ROOT,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.thread = threading.Thread(target=self._finish, args=(process, lock))
        self.thread.start()

    def _finish(self, process: "subprocess.Popen[str]", lock: IO[str]) -> None:
        _, errors = process.communicate()
        self.log.write_text(outcome(process.returncode, errors))
        lock.close()

    def wait(self) -> str:
        """Wait for the build (run it now if nobody started it): '' or the failure."""
        with self.lock_file.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not self.log.exists():
                done = subprocess.run(
                    command(self.site),
                    cwd=ROOT,
                    env=environment(),
                    capture_output=True,
                    text=True,
                    check=False,
                )
                self.log.write_text(outcome(done.returncode, done.stderr))
        return self.log.read_text()

    def close(self) -> None:
        """At the end of the session: never leave a build running."""
        if self.thread is not None:
            self.thread.join()
