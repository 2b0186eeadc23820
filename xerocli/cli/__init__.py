"""The command tree: thin commands that parse options, call the core, and hand results to
the output layer. Heavy modules (httpx, keyring, pydantic, rich) are imported inside command
bodies so `xero --help` and TAB completion stay fast."""
