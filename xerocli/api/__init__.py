"""Everything that speaks to Xero. Prints nothing: results and exceptions go back to the CLI."""
