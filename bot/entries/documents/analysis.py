"""Analyse each attachment on its own: type by content, safety, readable text.

This step knows nothing about roles (entry, presentation, picture); it turns
bytes into an AnalysedFile and reports what makes a file unusable: too large,
empty, the wrong format, macros, encryption, zip bombs, broken files,
JavaScript in a PDF, external templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.entries.documents.docx import DocxInfo, ExternalRef
from bot.entries.documents.docx_sandbox import analyse_docx_safely
from bot.entries.documents.filetype import Kind, decode_text, sniff
from bot.entries.documents.findings import (
    CHECK_FILES,
    CHECK_SAFETY,
    CHECK_SIZE,
    blocking,
    fmt_int,
    warning,
)
from bot.entries.documents.model import MB, FileSummary, InputFile, Limits, Report
from bot.entries.documents.ooxml import DocxError
from bot.entries.documents.pdf import PdfResult, extract_pdf_text_safely
from bot.entries.documents.presentation import count_no_spaces

_FORMAT_NAMES = {
    Kind.DOC: "Word 97–2003 (.doc)",
    Kind.ODT: "OpenDocument (.odt)",
    Kind.PAGES: "Pages (.pages)",
    Kind.RTF: "RTF (.rtf)",
}
_REMOTE = re.compile(r"^(?:https?|ftp)://|^\\\\|^file://[^/]", re.IGNORECASE)


@dataclass
class AnalysedFile:
    source: InputFile
    kind: Kind
    docx: DocxInfo | None = None
    pdf: PdfResult | None = None
    text: str | None = None  # readable text, when there is any
    usable: bool = True  # False once a blocking fault was reported for the file

    @property
    def name(self) -> str:
        return self.source.filename

    @property
    def characters(self) -> int | None:
        if self.docx is not None:
            return self.docx.characters
        return count_no_spaces(self.text) if self.text is not None else None

    def summary(self) -> FileSummary:
        return FileSummary(self.name, self.kind.value, len(self.source.data), self.characters)


def check_sizes(files: list[InputFile], limits: Limits, report: Report) -> list[InputFile]:
    """Report oversized files and return the ones small enough to open."""
    report.ran(CHECK_SIZE)
    total = sum(len(f.data) for f in files)
    if total > limits.max_total_bytes:
        report.add(
            blocking(
                "too-large",
                CHECK_SIZE,
                f"Bilagorna är sammanlagt {total / MB:.1f} MB; högst {limits.max_total_bytes // MB} "
                "MB tas emot per mejl. Skicka dokumenten i flera mejl eller komprimera bilderna.",
            )
        )
    kept = []
    for item in files:
        if len(item.data) > limits.max_file_bytes:
            report.add(
                blocking(
                    "too-large",
                    CHECK_SIZE,
                    f"Filen {item.filename} är {len(item.data) / MB:.1f} MB; högst "
                    f"{limits.max_file_bytes // MB} MB per fil tas emot. Minska bildernas "
                    "upplösning i dokumentet och skicka igen.",
                    item.filename,
                )
            )
        else:
            kept.append(item)
    return kept


def analyse_file(item: InputFile, limits: Limits, report: Report) -> AnalysedFile:
    kind = sniff(item.data)
    result = AnalysedFile(item, kind)
    report.ran(CHECK_FILES)
    report.ran(CHECK_SAFETY)
    if kind is Kind.DOCX:
        _analyse_docx(result, limits, report)
    elif kind is Kind.PDF:
        _analyse_pdf(result, limits, report)
    elif kind is Kind.TEXT:
        result.text = decode_text(item.data)
    else:
        _report_kind(result, report)
    return result


def _fault(result: AnalysedFile, report: Report, code: str, check: str, message: str) -> None:
    result.usable = False
    report.add(blocking(code, check, message, result.name))


def _report_kind(result: AnalysedFile, report: Report) -> None:
    name, kind = result.name, result.kind
    if kind is Kind.EMPTY:
        _fault(
            result,
            report,
            "corrupt",
            CHECK_FILES,
            f"Filen {name} är tom (0 byte). Skicka filen igen.",
        )
    elif kind is Kind.DOCM:
        _fault(result, report, "macro", CHECK_SAFETY, _macro_message(name))
    elif kind is Kind.ENCRYPTED:
        _fault(
            result,
            report,
            "encrypted",
            CHECK_SAFETY,
            f"Filen {name} är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort "
            "lösenordet och skicka dokumentet igen.",
        )
    elif kind in _FORMAT_NAMES:
        _fault(
            result,
            report,
            "doc-format",
            CHECK_FILES,
            f"Filen {name} är i formatet {_FORMAT_NAMES[kind]}. Bidraget ska skickas som "
            "Word-dokument (.docx): öppna filen i Word, välj Spara som > Word-dokument "
            "(.docx) och skicka den igen tillsammans med PDF-filen.",
        )
    elif kind is Kind.ZIP_BOMB:
        _fault(result, report, "zip-bomb", CHECK_SAFETY, _bomb_message(name))
    elif kind is Kind.BROKEN_ZIP:
        _fault(result, report, "corrupt", CHECK_FILES, _corrupt_message(name))


def _macro_message(name: str) -> str:
    return (
        f"Filen {name} innehåller makron (VBA). Av säkerhetsskäl tas inga dokument med "
        "makron emot. Spara dokumentet som Word-dokument (.docx) utan makron och skicka "
        "det igen."
    )


def _bomb_message(name: str) -> str:
    return (
        f"Filen {name} packas upp till en orimlig storlek och kan inte kontrolleras. "
        "Spara dokumentet på nytt i Word som .docx och skicka det igen."
    )


def _too_demanding_message(name: str, detail: str) -> str:
    return (
        f"Filen {name} kunde inte kontrolleras: {detail}. Spara dokumentet på nytt i Word "
        "som ett vanligt Word-dokument (.docx) och skicka det igen."
    )


def _corrupt_message(name: str) -> str:
    return (
        f"Filen {name} är skadad och kan inte öppnas. Spara dokumentet på nytt och skicka det igen."
    )


def _analyse_docx(result: AnalysedFile, limits: Limits, report: Report) -> None:
    try:
        info = analyse_docx_safely(
            result.source.data,
            limits.zip,
            timeout=limits.docx_timeout,
            memory_bytes=limits.docx_memory_bytes,
            max_paragraphs=limits.max_paragraphs,
        )
    except DocxError as exc:
        if exc.code == "zip-bomb":
            _fault(result, report, "zip-bomb", CHECK_SAFETY, _bomb_message(result.name))
        elif exc.code == "too-demanding":
            message = _too_demanding_message(result.name, exc.detail)
            _fault(result, report, "too-demanding", CHECK_FILES, message)
        else:
            _fault(
                result,
                report,
                "corrupt",
                CHECK_FILES,
                _corrupt_message(result.name) + f" ({exc.detail})",
            )
        return
    if info.has_macros:
        _fault(result, report, "macro", CHECK_SAFETY, _macro_message(result.name))
        return
    result.docx = info
    result.text = info.text
    for ref in info.external_refs:
        _report_external(result, ref, report)


def _report_external(result: AnalysedFile, ref: ExternalRef, report: Report) -> None:
    if ref.rel_type == "hyperlink":
        return  # links in the text are fine
    if ref.rel_type == "attachedTemplate":
        if _REMOTE.match(ref.target):
            _fault(
                result,
                report,
                "remote-template",
                CHECK_SAFETY,
                f"Filen {result.name} är kopplad till en mall på en annan dator eller "
                "webbplats, som Word försöker hämta när dokumentet öppnas. Koppla bort "
                "mallen (Utvecklare > Dokumentmall) eller kopiera texten till ett nytt "
                "dokument, och skicka det igen.",
            )
        else:
            report.add(
                warning(
                    "remote-template",
                    CHECK_SAFETY,
                    f"Filen {result.name} är kopplad till en mall på avsändarens dator "
                    f"({ref.target}). Det påverkar inte bidraget, men koppla gärna bort mallen.",
                    result.name,
                )
            )
        return
    report.add(
        warning(
            "external-reference",
            CHECK_SAFETY,
            f"Filen {result.name} hämtar innehåll utanför dokumentet ({ref.rel_type}: "
            f"{ref.target[:80]}). Bädda in innehållet i dokumentet i stället.",
            result.name,
        )
    )


def _analyse_pdf(result: AnalysedFile, limits: Limits, report: Report) -> None:
    pdf = extract_pdf_text_safely(
        result.source.data, timeout=limits.pdf_timeout, memory_bytes=limits.pdf_memory_bytes
    )
    result.pdf = pdf
    name = result.name
    if pdf.fault == "encrypted":
        _fault(
            result,
            report,
            "encrypted",
            CHECK_SAFETY,
            f"PDF-filen {name} är lösenordsskyddad och kan inte läsas. Skapa PDF-filen "
            "utan lösenord och skicka den igen.",
        )
    elif pdf.fault is not None:
        _fault(
            result,
            report,
            "corrupt",
            CHECK_FILES,
            f"PDF-filen {name} kan inte läsas ({pdf.detail}). Skapa PDF-filen på nytt "
            "från Word (Arkiv > Spara som > PDF) och skicka den igen.",
        )
    elif pdf.javascript:
        _fault(
            result,
            report,
            "pdf-javascript",
            CHECK_SAFETY,
            f"PDF-filen {name} innehåller JavaScript, som inte tas emot av "
            "säkerhetsskäl. Skapa PDF-filen på nytt från Word (Arkiv > Spara som > PDF) "
            "och skicka den igen.",
        )
    else:
        result.text = pdf.text


def describe_count(value: int) -> str:
    return f"{fmt_int(value)} tecken exklusive blanksteg"
