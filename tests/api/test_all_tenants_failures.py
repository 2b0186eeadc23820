"""An organisation Xero refuses (403: its connection was removed after `/connections` was
read, as in a long `xero sync --all-tenants`) among others: the export engine and the
consolidation's fetch raise its error named, as the same class (the same exit code), with
the destination discarded whole. Against the session sandbox over loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_export_engine import Recorded
from xerocli import errors
from xerocli.api.export import ExportPlan, Tenant, connected_tenants, run_export
from xerocli.api.marks import MarkStore
from xerocli.api.query import ListQuery
from xerocli.api.resources import resource
from xerocli.api.stopper import Stopper
from xerocli.cli.context import AppContext
from xerocli.output.progress import NoProgress

#: An organisation the login is not (or no longer) connected to: the sandbox answers 403.
GONE = Tenant("0b1e5c1a-0000-4000-8000-00000000dead", "Gone Ltd")
GONE_LABEL = f"Gone Ltd (tenant {GONE.id})"
REFUSED = "Xero refused access to this organisation"


def test_the_engine_names_the_organisation_xero_refuses(login: AppContext, home: Path) -> None:
    tenants = [*connected_tenants(login), GONE]
    destination = Recorded()
    plan = ExportPlan(
        resource("contacts"), ListQuery(), all_tenants=True, profile="engine", tenants=tenants
    )
    with pytest.raises(errors.AuthError) as raised:
        run_export(
            plan,
            login,
            destination,
            marks=MarkStore(home / "state" / "xerocli"),
            events=NoProgress(),
            stopper=Stopper(),
        )
    assert raised.value.message.startswith(f"{GONE_LABEL}: {REFUSED} (not connected")
    assert raised.value.organisation == GONE_LABEL
    assert raised.value.exit_code == errors.ExitCode.AUTH
    assert destination.events == ["open", "discard"]  # nobody's records committed


def test_the_consolidation_names_the_organisation_xero_refuses(login: AppContext) -> None:
    from xerocli.api.consolidate_fetch import Tenant as Organisation
    from xerocli.api.consolidate_fetch import fetch_organisations
    from xerocli.api.pacing import pacer_from_env
    from xerocli.api.reports import BY_NOUN

    first = connected_tenants(login)[0]
    chosen = [Organisation(GONE.id, GONE.name), Organisation(first.id, first.name)]
    with pytest.raises(errors.AuthError) as raised:
        fetch_organisations(
            login, chosen, BY_NOUN["trial-balance"], {"date": "2026-10-31"}, pacer_from_env()
        )
    assert raised.value.message.startswith(f"{GONE_LABEL}: {REFUSED} (not connected")
    assert raised.value.organisation == GONE_LABEL


def test_a_stop_and_an_error_named_already_are_left_as_they_are() -> None:
    """Ctrl-C or SIGTERM is no organisation's failure; an error is named once."""
    stop = errors.Terminated("terminated (SIGTERM): the export was not written")
    assert errors.of_organisation(stop, "Acme", "1234") is stop
    named = errors.of_organisation(errors.RateLimitError("spent"), "Acme", "1234")
    assert (type(named), named.message) == (errors.RateLimitError, "Acme (tenant 1234): spent")
    assert errors.of_organisation(named, "Other", "5678") is named
    # A class whose __init__ takes more (a refresh refused) is copied with its own fields.
    from xerocli.api.tokens import OAuthError

    refused = errors.of_organisation(OAuthError("refresh refused", "invalid_grant"), "Acme", "1")
    assert isinstance(refused, OAuthError) and refused.error == "invalid_grant"
    assert refused.message == str(refused) == "Acme (tenant 1): refresh refused"
