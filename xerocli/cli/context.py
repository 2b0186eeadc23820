"""What a command needs (endpoints, credentials, tenant, client), built on first use.

`xero --help` never builds any of it; `xero invoices list` builds the client once.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from xerocli import config, errors

if TYPE_CHECKING:
    from xerocli.api.client import XeroClient


@dataclass
class GlobalOptions:
    profile: str | None = None
    tenant: str | None = None
    sandbox: bool = False
    sandbox_url: str | None = None
    debug: bool = False
    no_color: bool = False


@dataclass
class AppContext:
    options: GlobalOptions
    _client: Any = None
    _server: Any = None  # the embedded sandbox, when `--sandbox` started one
    tenant_name: str | None = None
    connections: list[dict] = field(default_factory=list)

    # --- endpoints -------------------------------------------------------------------------
    def endpoints(self) -> config.Endpoints:
        if self.options.sandbox and not self.sandbox_url():
            self._start_embedded_sandbox()
        return config.Endpoints.from_env(self.sandbox_url())

    def sandbox_url(self) -> str | None:
        if self._server is not None:
            return self._server.url
        return self.options.sandbox_url or os.environ.get(config.ENV_SANDBOX_URL)

    def _start_embedded_sandbox(self) -> None:
        """`xero --sandbox ...` with nothing running: serve the demo company from this process.

        Its database lives in the data dir, so what one command creates the next one sees.
        """
        from xerocli.sandbox.server import Sandbox, SandboxServer

        path = config.data_dir() / "sandbox.sqlite"
        if not path.exists():
            print("Creating the demo company (first run of --sandbox)...", file=sys.stderr)
        self._server = SandboxServer(Sandbox.open(path))
        self._server.start_background()

    # --- client ----------------------------------------------------------------------------
    def client(self) -> XeroClient:
        if self._client is None:
            from xerocli.api.client import XeroClient
            from xerocli.api.credentials import resolve_tenant, resolve_token_source

            endpoints = self.endpoints()
            tokens = resolve_token_source(endpoints, sandbox=self.options.sandbox)
            from xerocli.api.limiter import SharedLimiter

            limiter = SharedLimiter(config.state_dir() / "ratelimit.sqlite")
            self._client = XeroClient(endpoints, tokens, None, limiter=limiter)
            wanted = self.options.tenant or os.environ.get(config.ENV_TENANT_ID)
            tenant_id, tenant_name = resolve_tenant(
                self._client, wanted, sandbox=self.options.sandbox
            )
            self._client.tenant_id = tenant_id
            self.tenant_name = tenant_name
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._server is not None:
            self._server.stop()
            self._server = None


def require_tty_for_prompt(what: str) -> None:
    if not sys.stdin.isatty():
        raise errors.UsageError(f"{what} is needed and there is no terminal to ask on")
