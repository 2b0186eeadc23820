"""CSV (RFC 4180) and TSV with a fixed header, whatever the data: loaders depend on it."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from xerocli.output.fields import cell_text, get_path


def write_delimited(
    records: Iterable[dict], columns: list[str], out: TextIO, *, tsv: bool = False
) -> int:
    if tsv:
        writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    else:
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(columns)
    count = 0
    for record in records:
        row = [cell_text(get_path(record, column)) for column in columns]
        if tsv:
            row = [cell.replace("\t", " ").replace("\n", " ").replace("\r", " ") for cell in row]
        writer.writerow(row)
        count += 1
    out.flush()
    return count
