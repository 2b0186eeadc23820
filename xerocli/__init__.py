"""xerocli: a command-line tool for the Xero accounting API."""

__version__ = "0.1.0"
