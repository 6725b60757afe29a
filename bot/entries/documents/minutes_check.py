"""Check a board-minutes extract (protokollsutdrag) from the nämnd or styrelse.

The extract may be a PDF, a scan (picture or image-only PDF) or a Word document.
Where its text can be read, it should mention the unit; a scan without OCR simply
cannot be checked, which is not the unit's fault.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.entries.documents.analysis import AnalysedFile, analyse_file, check_sizes
from bot.entries.documents.filetype import PICTURES, Kind
from bot.entries.documents.findings import CHECK_MINUTES, blocking, info, warning
from bot.entries.documents.image import ocr_available, ocr_text
from bot.entries.documents.model import FileSummary, InputFile, Limits, MinutesCheck, Report
from bot.entries.documents.structure import normalize

_ACCEPTED = PICTURES | {Kind.PDF, Kind.DOCX}
_STOP_WORDS = {"och", "i", "på", "av", "för", "med", "ab", "stockholms", "stad", "the"}


def check_minutes(
    files: Sequence[InputFile], unit_name: str, *, limits: Limits | None = None
) -> MinutesCheck:
    limits = limits or Limits()
    report = Report()
    kept = check_sizes(list(files), limits, report)
    analysed = [analyse_file(item, limits, report) for item in kept]
    report.ran(CHECK_MINUTES)
    usable = [a for a in analysed if a.kind in _ACCEPTED and a.usable]
    if not usable:
        report.add(
            blocking(
                "minutes-missing",
                CHECK_MINUTES,
                "Vi hittade inget protokollsutdrag i mejlet. Skicka utdraget som PDF, inskannad "
                "bild eller Word-dokument (.docx).",
            )
        )
        return MinutesCheck(_summaries(analysed), tuple(report.findings), None)
    text = "\n".join(t for t in (_text(a) for a in usable) if t)
    mentions = _mentions(text, unit_name) if text.strip() else None
    if mentions is False:
        report.add(
            warning(
                "minutes-unit-missing",
                CHECK_MINUTES,
                f"Protokollsutdraget verkar inte nämna {unit_name}. Kontrollera att det är rätt "
                "utdrag, det där deltagandet i Kvalitetsutmärkelsen anmäldes.",
            )
        )
    elif mentions is None:
        report.add(
            info(
                "minutes-unreadable",
                CHECK_MINUTES,
                "Protokollsutdragets text kunde inte läsas (inskannat), så vi har inte kontrollerat "
                "att det nämner verksamheten.",
            )
        )
    return MinutesCheck(_summaries(analysed), tuple(report.findings), mentions)


def _summaries(analysed: list[AnalysedFile]) -> tuple[FileSummary, ...]:
    return tuple(a.summary() for a in analysed)


def _text(item: AnalysedFile) -> str | None:
    if item.kind in PICTURES:
        return ocr_text(item.source.data) if ocr_available() else None
    return item.text


def _mentions(text: str, unit_name: str) -> bool:
    """All significant words of the unit's name occur in the text."""
    words = [w for w in normalize(unit_name).split() if w not in _STOP_WORDS and len(w) > 1]
    haystack = f" {normalize(text)} "
    return bool(words) and all(f" {w}" in haystack for w in words)
