"""xerocli: a command-line tool for the Xero accounting API."""

import sys

__version__ = "0.1.0"

# httpx's package `__init__` imports its own command-line client (`httpx._main`: click,
# rich.console, pygments) whenever click happens to be installed, about 80 ms of every `xero`
# command for a program we never run. A `None` in `sys.modules` makes that import fail, and
# httpx then defines its stub `main` instead. Only before httpx is first imported, so a process
# that imported httpx (and its CLI) before xerocli keeps both.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[assignment]
