"""The result vocabulary shared by all document checks.

A Finding is what the receipt shows: a stable code for the staff and the export,
a severity that decides between receipt and change request, and a Swedish
message that tells the unit exactly what is wrong and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

BLOCKING = "blocking"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # BLOCKING | WARNING | INFO
    message: str
    check: str  # Swedish label of the check that found it, e.g. "Teckenantal"
    filename: str | None = None


# Swedish labels of the checks, in the order a receipt lists them.
CHECK_FILES = "Filer och filformat"
CHECK_SIZE = "Filstorlek"
CHECK_SAFETY = "Säkerhet"
CHECK_WORD_PDF = "Word och PDF"
CHECK_LENGTH = "Teckenantal"
CHECK_STRUCTURE = "Struktur och frågor"
CHECK_LEFTOVERS = "Ingresser och bilagor från anvisningarna"
CHECK_APPENDIX = "Inga bilagor"
CHECK_VERSIONS = "Samma version i Word och PDF"
CHECK_IMAGES = "Bilder i bidraget"
CHECK_PRESENTATION = "Presentationstext"
CHECK_PICTURE = "Bild"
CHECK_MINUTES = "Protokollsutdrag"


def fmt_int(value: int) -> str:
    """Format 100412 as '100 412', as Swedish text does."""
    return f"{value:,}".replace(",", " ")


def blocking(code: str, check: str, message: str, filename: str | None = None) -> Finding:
    return Finding(code, BLOCKING, message, check, filename)


def warning(code: str, check: str, message: str, filename: str | None = None) -> Finding:
    return Finding(code, WARNING, message, check, filename)


def info(code: str, check: str, message: str, filename: str | None = None) -> Finding:
    return Finding(code, INFO, message, check, filename)
