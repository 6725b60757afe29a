"""Plain input and result objects of the document checks (no I/O, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.entries.documents.findings import BLOCKING, WARNING, Finding
from bot.entries.documents.image import DEFAULT_MAX_PIXELS
from bot.entries.documents.safezip import ZipLimits

MB = 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """One attachment as it arrived; `filename` is for messages only, never a path."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Limits:
    """Every limit of the checks; the defaults follow the award's rules."""

    max_file_bytes: int = 25 * MB
    max_total_bytes: int = 40 * MB
    max_entry_chars: int = 95_000
    max_presentation_chars: int = 1_000
    zip: ZipLimits = field(default_factory=ZipLimits)
    max_pixels: int = DEFAULT_MAX_PIXELS
    pdf_timeout: float = 20.0
    pdf_memory_bytes: int = 768 * MB
    # .docx files are read in the same worker, with a budget of their own (issue 12).
    docx_timeout: float = 20.0
    docx_memory_bytes: int = 480 * MB
    max_paragraphs: int = 50_000
    max_ocr_images: int = 20
    # Word's stored count may be stale; only a large gap is worth mentioning.
    # Confident words of 4+ letters that make a picture "carry text".
    ocr_words_in_document_image: int = 15
    ocr_words_on_picture: int = 3


@dataclass(frozen=True)
class FileSummary:
    """What arrived, for the receipt."""

    filename: str
    kind: str
    size: int
    characters: int | None


def _is_blocking(findings: tuple[Finding, ...]) -> bool:
    return any(f.severity == BLOCKING for f in findings)


@dataclass(frozen=True)
class EntryCheck:
    files: tuple[FileSummary, ...]
    findings: tuple[Finding, ...]
    characters: int | None  # of the Word document
    presentation_characters: int | None
    passed: tuple[str, ...]  # Swedish labels of checks that passed

    @property
    def blocking(self) -> bool:
        return _is_blocking(self.findings)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}


@dataclass(frozen=True)
class MinutesCheck:
    files: tuple[FileSummary, ...]
    findings: tuple[Finding, ...]
    mentions_unit: bool | None  # None when no text could be extracted

    @property
    def blocking(self) -> bool:
        return _is_blocking(self.findings)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}


class Report:
    """Collects findings and which checks ran, to list what passed."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._ran: list[str] = []

    def ran(self, check: str) -> None:
        if check not in self._ran:
            self._ran.append(check)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)
        self.ran(finding.check)

    def extend(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.add(finding)

    def merge(self, other: Report) -> None:
        """Take over another report's checks and findings, in their order."""
        for check in other._ran:
            self.ran(check)
        self.extend(other.findings)

    def passed(self) -> tuple[str, ...]:
        failed = {f.check for f in self.findings if f.severity != "info"}
        return tuple(check for check in self._ran if check not in failed)
