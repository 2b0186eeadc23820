"""What `xero auth token` does, apart from its typer signature (`cli/auth.py`): scripts run it
before every call they make themselves, so it is run by the fast parser (`cli/fastparse.py`),
and this module must not import typer.
"""

from __future__ import annotations

import sys
from typing import Any


def print_token(ctx: Any) -> None:
    """Print a valid access token (refreshed first if needed) and nothing else."""
    value = ctx.obj.credentials().source.access_token()
    sys.stdout.write(value + "\n")
