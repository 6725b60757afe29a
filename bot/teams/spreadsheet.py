"""Reading a table the staff saved from Excel: .xlsx, or CSV as Swedish Excel writes it.

"CSV (semikolonavgränsad)" on a Swedish Windows is cp1252, ``;``-separated, CRLF, often
with a ``sep=;`` first line, and cells holding ``;`` are quoted; "CSV UTF-8" carries a
byte-order mark. The encoding is UTF-8 when the bytes are valid UTF-8 (with or without the
mark), else what charset-normalizer finds among the encodings Swedish computers write
(cp1252 for Excel's files); the separator is the
``sep=`` line's, else what the csv module's sniffer finds on the decoded header.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from charset_normalizer import from_bytes

SEPARATORS = ";,\t"
# What a Swedish Windows or Mac saves text files in: Excel's "CSV" (cp1252), the DOS
# console's code page (cp850), classic Mac (mac_roman), Excel's "Unicode text" (UTF-16).
# Without this short list the detector may pick a Central European page for a few å/ä/ö.
CANDIDATES = ["cp1252", "cp850", "mac_roman", "utf_16"]


class TableTooLarge(ValueError):
    """More rows than a table of this kind can sensibly hold; one Swedish sentence."""


def read_table(path: Path, max_rows: int) -> list[list[str]]:
    """The rows of ``path`` (the header first) as text; refuse more than ``max_rows``."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _xlsx(path, max_rows)
    else:
        table = read_csv_text(decode(path.read_bytes()), max_rows)
    if len(table) - 1 > max_rows:
        raise TableTooLarge(
            f"{path.name} har fler än {max_rows} rader; dela upp filen eller kontrollera att "
            "det är rätt fil"
        )
    return table


def decode(data: bytes) -> str:
    """The text of a CSV file, whichever encoding Excel or another program saved it in."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=CANDIDATES).best()
    return data.decode(best.encoding if best is not None else "cp1252", errors="replace")


def read_csv_text(text: str, max_rows: int) -> list[list[str]]:
    lines = text.splitlines(keepends=True)
    separator = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        separator = lines[0].strip()[4]
        lines = lines[1:]
    body = "".join(lines)
    if separator is None:
        separator = _sniff(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=separator, quotechar='"')
    table: list[list[str]] = []
    for row in reader:
        table.append(row)
        if len(table) > max_rows + 1:  # enough to know it is too large
            break
    return table


def _sniff(header: str) -> str:
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:
        # One column, or nothing the sniffer can decide on: the most frequent separator.
        return max(SEPARATORS, key=header.count) if header else ";"


def _xlsx(path: Path, max_rows: int) -> list[list[str]]:
    # openpyxl (with numpy under it) is imported when a workbook is read, not with the
    # module: every command, the bot's run included, imports this through the CLI.
    # openpyxl ships no type stubs; the few calls used here are checked by the tests.
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    table: list[list[str]] = []
    for row in sheet.iter_rows(values_only=True):
        table.append(["" if cell is None else str(cell) for cell in row])
        if len(table) > max_rows + 1:
            break
    return table
