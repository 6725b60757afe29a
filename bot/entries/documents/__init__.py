"""Pure checks of entry and minutes documents: bytes in, plain result objects out.

No database and no mail here; the workflow calls `check_entry`, `check_minutes`
and `looks_like_entry` and turns the findings into receipts.
"""

from bot.entries.documents.entry_check import check_entry, check_minutes, looks_like_entry
from bot.entries.documents.findings import Finding
from bot.entries.documents.model import EntryCheck, FileSummary, InputFile, Limits, MinutesCheck

__all__ = [
    "EntryCheck",
    "FileSummary",
    "Finding",
    "InputFile",
    "Limits",
    "MinutesCheck",
    "check_entry",
    "check_minutes",
    "looks_like_entry",
]
