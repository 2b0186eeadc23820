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
    from xerocli.api.credentials import Credentials
    from xerocli.output.streams import IOStreams
    from xerocli.profiles import Profile


@dataclass
class GlobalOptions:
    profile: str | None = None
    tenant: str | None = None
    sandbox: bool = False
    sandbox_url: str | None = None
    debug: bool = False
    no_color: bool = False
    quiet: bool = False  # -q/--quiet: only the data (the output layer decides what that drops)


@dataclass
class AppContext:
    options: GlobalOptions
    _client: Any = None
    _server: Any = None  # the embedded sandbox, when `--sandbox` started one
    _profile: Any = None
    _credentials: Any = None
    _endpoints: Any = None
    tenant_name: str | None = None
    connections: list[dict] = field(default_factory=list)
    _io: Any = None

    # --- output ----------------------------------------------------------------------------
    @property
    def io(self) -> IOStreams:
        """The output object every command writes through (stdout, stderr, colour, --quiet)."""
        if self._io is None:
            from xerocli.output.streams import IOStreams

            self._io = IOStreams(no_color=self.options.no_color, quiet=self.options.quiet)
        return self._io

    # --- endpoints -------------------------------------------------------------------------
    def endpoints(self) -> config.Endpoints:
        if self._endpoints is None:
            if self.options.sandbox and not self.sandbox_url():
                self._start_embedded_sandbox()
            self._endpoints = config.Endpoints.from_env(self.sandbox_url())
        return self._endpoints

    # --- profile and credentials -----------------------------------------------------------
    def profile(self) -> Profile:
        """`--profile`/XERO_PROFILE/"default", read from config.toml once per command."""
        if self._profile is None:
            from xerocli.profiles import load_profile, profile_name

            self._profile = load_profile(profile_name(self.options.profile))
        return self._profile

    def credentials(self) -> Credentials:
        if self._credentials is None:
            from xerocli.api.credentials import resolve_credentials

            if self.options.sandbox:
                # `--sandbox` logs in by itself and keeps its own tenant selection: no
                # profile's login applies, so config.toml is not read (a bad --profile name
                # is still refused).
                from xerocli.profiles import profile_name

                profile_name(self.options.profile)
                profile = None
            else:
                profile = self.profile()
            self._credentials = resolve_credentials(
                self.endpoints(), sandbox=self.options.sandbox, profile=profile
            )
            if hasattr(self._credentials.source, "on_warning"):
                self._credentials.source.on_warning = warn
        return self._credentials

    def wanted_tenant(self) -> str | None:
        """`--tenant`, XERO_TENANT_ID, then the profile's selection (for its own login only)."""
        wanted = self.options.tenant or os.environ.get(config.ENV_TENANT_ID)
        return wanted or self._selected_tenant()

    def _selected_tenant(self) -> str | None:
        """The selected tenant's ID: see `_selection`."""
        chosen = self._selection()
        return chosen[0] if chosen else None

    def _selection(self) -> tuple[str, str | None] | None:
        """(ID, name) selected before: `--sandbox` keeps its own selection (never a real
        profile's); else the profile's, for its own login only."""
        if self.options.sandbox:
            from xerocli.cli import sandbox_tenant

            return sandbox_tenant.selected()
        profile = self.profile()
        if self.credentials().from_profile and profile.tenant_id:
            return profile.tenant_id, profile.tenant_name
        return None

    def selected_among(self, connections: list[dict]) -> dict | None:
        """The connection commands would use: the wanted one, else the only one (or, for the
        sandbox's automatic login, its first demo company), else none."""
        wanted = self.wanted_tenant()
        if wanted:
            for connection in connections:
                if wanted.lower() in (
                    str(connection.get("tenantId", "")).lower(),
                    str(connection.get("tenantName", "")).lower(),
                ):
                    return connection
            return None
        if len(connections) == 1 or (self.options.sandbox and connections):
            return connections[0]
        return None

    def bare_client(self) -> XeroClient:
        """A client with credentials but no organisation yet (for `/connections`)."""
        if self._client is None:
            from xerocli.api.client import XeroClient
            from xerocli.api.limiter import SharedLimiter

            limiter = SharedLimiter(
                config.state_dir() / "ratelimit.sqlite", app=self.credentials().client_id
            )
            self._client = XeroClient(
                self.endpoints(), self.credentials().source, None, limiter=limiter
            )
        return self._client

    def tenant_client(self, tenant_id: str, pacer: Any) -> XeroClient:
        """Another client of this command's login, for one organisation (`--all-tenants`).

        It shares the login's token source (one refresh serves every organisation) and the
        shared rate-limit ledger, with `pacer` (this process's pacer) chained after it. The
        caller closes it. Seam for one httpx client per process (issue 18): when XeroClient
        can take a shared httpx.Client/transport, pass the bare client's here."""
        from xerocli.api.client import XeroClient
        from xerocli.api.pacing import ChainedLimiter

        # Chained, never the ledger itself: closing this client must not close the ledger.
        limiter = ChainedLimiter(self.bare_client().limiter, pacer)
        return XeroClient(self.endpoints(), self.credentials().source, tenant_id, limiter=limiter)

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
        config.make_dir(path.parent)  # the demo books are the user's: a 0700 folder
        if not path.exists():
            self.io.info("Creating the demo company (first run of --sandbox)...")
        self._server = SandboxServer(Sandbox.open(path))
        self._server.start_background()

    # --- client ----------------------------------------------------------------------------
    def client(self) -> XeroClient:
        client = self.bare_client()
        if client.tenant_id is None:
            from xerocli.api.credentials import resolve_tenant

            wanted = self.options.tenant or os.environ.get(config.ENV_TENANT_ID)
            selection = None if wanted else self._selection()
            selected = selection[0] if selection else None
            tenant_id, tenant_name = resolve_tenant(
                client, wanted, sandbox=self.options.sandbox, selected=selected
            )
            # A selected ID is used without a call: its name comes from the selection.
            if tenant_name is None and selection and tenant_id == selection[0].lower():
                tenant_name = selection[1]
            client.tenant_id = tenant_id
            self.tenant_name = tenant_name
        return client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if "xerocli.api.client" in sys.modules:  # a command that sent nothing imported no httpx
            from xerocli.api.client import close_shared_http

            close_shared_http()
        if self._server is not None:
            self._server.stop()
            self._server = None


def warn(message: str) -> None:
    """Something went wrong that did not stop the command (a token that could not be stored)."""
    print(f"xero: warning: {errors.printable(message)}", file=sys.stderr)


def require_tty_for_prompt(what: str) -> None:
    if not sys.stdin.isatty():
        raise errors.UsageError(f"{what} is needed and there is no terminal to ask on")
