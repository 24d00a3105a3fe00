"""One TLS context per set of settings for every HTTP client the tests create.

Each `inngest.Inngest` client builds two httpx clients, and each of those loads
certifi's CA bundle into a new `ssl.SSLContext`: about 30 ms of CPU apiece, and
the suite creates a few hundred clients. No test opens a TLS connection, so the
clients share the context httpx would have built for the same settings (httpx
itself recommends reusing one context). The SDK and httpx run unchanged.
"""

import functools
import os
import ssl
from collections.abc import Callable
from typing import Any

import httpx._transports.default
import httpx2._transports.default

# httpx and httpx2 (starlette's TestClient) read these when they build a context.
_ENVIRONMENT = ("SSL_CERT_FILE", "SSL_CERT_DIR", "SSLKEYLOGFILE")

# What each transport module calls (imported from its `_config`) per client.
_CREATE = "create_ssl_context"
Create = Callable[..., ssl.SSLContext]


def _shared(create: Create) -> Create:
    contexts: dict[tuple[object, ...], ssl.SSLContext] = {}

    @functools.wraps(create)
    def shared(
        verify: Any = True, cert: Any = None, trust_env: bool = True
    ) -> ssl.SSLContext:
        if not isinstance(verify, bool) or cert is not None:
            return create(verify=verify, cert=cert, trust_env=trust_env)
        key = (verify, trust_env, *(os.environ.get(n) for n in _ENVIRONMENT))
        if key not in contexts:
            contexts[key] = create(verify=verify, cert=cert, trust_env=trust_env)
        return contexts[key]

    return shared


def share_tls_contexts() -> None:
    """Make httpx's and httpx2's transports reuse the contexts they build."""
    for module in (httpx._transports.default, httpx2._transports.default):
        setattr(module, _CREATE, _shared(getattr(module, _CREATE)))
