"""Production settings the deploy tests share: keys, the SDK's variables, and
the one command of a shell snippet section."""

import shlex
from pathlib import Path

from docsite import embeds, paths

KEY = "signkey-prod-" + "ab" * 32
OLD_KEY = "signkey-prod-" + "cd" * 32

# Every variable the pinned SDK reads that a test here may set.
SDK_VARIABLES = (
    "INNGEST_DEV",
    "INNGEST_ENV",
    "INNGEST_SIGNING_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
    "INNGEST_EVENT_KEY",
    "INNGEST_SERVE_ORIGIN",
    "INNGEST_SERVE_PATH",
    "INNGEST_STREAMING",
    "INNGEST_ENABLE_UNAUTHED_SYNC",
    "INNGEST_THREAD_POOL_MAX_WORKERS",
    "INNGEST_CONNECT_MAX_WORKER_CONCURRENCY",
    "RAILWAY_GIT_BRANCH",
    "RENDER_GIT_BRANCH",
    "VERCEL_GIT_COMMIT_REF",
    "GIT_SHA",
)


ENV_FILE = paths.SNIPPETS / "guides" / "deploy" / "production.env"


def env_settings(section: str) -> dict[str, str]:
    """The `NAME=value` lines of a section of production.env, as the page shows them."""
    lines = embeds.section_text(ENV_FILE, section).splitlines()
    settings = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            settings[name] = value
    return settings


def shell_command(path: Path, section: str) -> list[str]:
    """The one command of a shell snippet section, split as the shell would."""
    text = embeds.section_text(path, section).replace("\\\n", " ")
    lines = text.splitlines()
    [command] = [line for line in lines if line and not line.startswith("#")]
    return shlex.split(command)
