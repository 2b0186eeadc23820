"""Every way a result is written: table, json, ndjson, csv, tsv. Knows no HTTP."""
