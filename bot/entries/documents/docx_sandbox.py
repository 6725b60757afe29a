"""Read an untrusted .docx in the document worker (pdf.py), under a time, CPU and memory
budget: a dense or crafted document ends in a clear fault instead of stalling the bot.

An 11 MB .docx of 1.6 million short paragraphs (60 MB of XML, inside every zip limit)
took minutes and gigabytes in the bot's own process; in the worker it is cut short by the
memory limit, and a document that fits but has absurdly many paragraphs for an entry
(`Limits.max_paragraphs`) is refused before any check walks them.
"""

from __future__ import annotations

from typing import Any

from bot.entries.documents.docx import DocxInfo, docx_from_json
from bot.entries.documents.ooxml import DocxError
from bot.entries.documents.pdf import run_in_worker
from bot.entries.documents.safezip import ZipLimits

# What the worker's faults mean for the unit, in Swedish.
_DETAILS = {
    "timeout": "dokumentet tog för lång tid att läsa",
    "gone": "dokumentet krävde för mycket minne eller tid att läsa",
    "too-dense": "dokumentet har orimligt många stycken för ett bidrag",
}


def analyse_docx_safely(
    data: bytes,
    limits: ZipLimits,
    *,
    timeout: float,
    memory_bytes: int,
    max_paragraphs: int,
) -> DocxInfo:
    """Like `docx.analyse_docx`, in the worker; raise DocxError for any fault.

    Faults of the budget get the code "too-demanding" and a detail for the unit."""
    options: dict[str, object] = {
        "kind": "docx",
        "zip": limits.__dict__,
        "max_paragraphs": max_paragraphs,
    }
    answer: dict[str, Any] = run_in_worker(data, options, timeout, memory_bytes)
    fault = answer.get("fault")
    if fault is None:
        return docx_from_json(answer["docx"])
    if fault in _DETAILS:
        raise DocxError("too-demanding", _DETAILS[str(fault)])
    if str(answer.get("detail", "")) == "för minneskrävande att läsa":
        raise DocxError("too-demanding", _DETAILS["gone"])
    raise DocxError(str(fault), str(answer.get("detail", "")))
