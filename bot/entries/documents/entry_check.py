"""Check one entry mail's attachments against the award's rules.

`check_entry` is the one entry point for the workflow: it takes the attachments
and the mail body and returns an EntryCheck with what arrived, what passed and
every finding, each with a Swedish message for the receipt. Roles are decided by
content: the longest Word document and PDF are the entry, a short document or a
marked section of the mail body is the presentation text, and JPEG/PNG/HEIC files
are the picture. Everything else is reported as an extra file.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat

from bot.entries.documents.analysis import (
    AnalysedFile,
    analyse_file,
    check_sizes,
    describe_count,
)
from bot.entries.documents.compare import compare_texts
from bot.entries.documents.filetype import PICTURES, WORD_LIKE, Kind, sniff
from bot.entries.documents.findings import (
    CHECK_APPENDIX,
    CHECK_LENGTH,
    CHECK_PRESENTATION,
    CHECK_STRUCTURE,
    CHECK_VERSIONS,
    CHECK_WORD_PDF,
    Finding,
    blocking,
    fmt_int,
    info,
    warning,
)
from bot.entries.documents.image import ocr_available
from bot.entries.documents.minutes_check import check_minutes
from bot.entries.documents.model import EntryCheck, FileSummary, InputFile, Limits, Report
from bot.entries.documents.pictures import (
    WordCounts,
    check_document_images,
    check_picture,
    pictures_to_read,
    read_pictures,
)
from bot.entries.documents.presentation import (
    count_no_spaces,
    looks_like_presentation,
    presentation_from_body,
)
from bot.entries.documents.structure import check_structure

__all__ = [
    "EntryCheck",
    "FileSummary",
    "Finding",
    "InputFile",
    "Limits",
    "check_entry",
    "check_minutes",
    "looks_like_entry",
]


@dataclass
class _Roles:
    word: AnalysedFile | None = None
    pdf: AnalysedFile | None = None
    presentation: list[AnalysedFile] = field(default_factory=list)
    pictures: list[AnalysedFile] = field(default_factory=list)
    extra: list[AnalysedFile] = field(default_factory=list)


def looks_like_entry(files: Sequence[InputFile]) -> bool:
    """True when a Word document (any format) or a PDF is attached, judged by content."""
    return any(sniff(f.data) in WORD_LIKE | {Kind.PDF, Kind.ZIP_BOMB} for f in files)


def check_entry(
    files: Sequence[InputFile],
    body_text: str,
    *,
    limits: Limits | None = None,
    ocr: bool | None = None,
    ocr_pool: Executor | None = None,
) -> EntryCheck:
    """Run every check on one entry mail; `ocr=None` uses Tesseract where installed.

    The pictures are read on ``ocr_pool`` where given, else on a pool of their own.
    """
    limits = limits or Limits()
    use_ocr = ocr_available() if ocr is None else ocr
    report = Report()
    kept = check_sizes(list(files), limits, report)
    analysed = _analyse_all(kept, limits, report)
    roles = _assign_roles(analysed, limits)
    words = _read_pictures(roles, limits, ocr_pool) if use_ocr else None
    _check_word_and_pdf(roles, analysed, report)
    _check_written_entry(roles, limits, words, report)
    presentation_chars = _check_presentation(roles, body_text, limits, report)
    check_picture(roles.pictures, limits, words, report)
    _check_extra_files(roles, report)
    return EntryCheck(
        files=_summaries(files, analysed),
        findings=tuple(report.findings),
        characters=roles.word.characters if roles.word and roles.word.docx else None,
        presentation_characters=presentation_chars,
        passed=report.passed(),
    )


def _analyse_all(files: list[InputFile], limits: Limits, report: Report) -> list[AnalysedFile]:
    """Analyse every file; a PDF's worker process runs while the Word file is parsed.

    Reading a PDF waits ~0.2 s on its sandboxed subprocess, so two threads overlap that
    wait with the other files' work (about a third off an entry's check). Each file gets
    its own Report, merged in file order, so the findings read exactly as in a serial run.
    """
    reports = [Report() for _ in files]
    if len(files) < 2:
        analysed = [
            analyse_file(item, limits, own) for item, own in zip(files, reports, strict=True)
        ]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            analysed = list(pool.map(analyse_file, files, repeat(limits), reports))
    for own in reports:
        report.merge(own)
    return analysed


def _read_pictures(roles: _Roles, limits: Limits, pool: Executor | None) -> WordCounts:
    """Every picture the checks ask about, read at once so that they go in parallel."""
    docx = roles.word.docx if roles.word is not None else None
    return read_pictures(pictures_to_read(docx, roles.pictures, limits), limits, pool)


def _summaries(files: Sequence[InputFile], analysed: list[AnalysedFile]) -> tuple[FileSummary, ...]:
    by_id = {id(a.source): a for a in analysed}
    return tuple(
        by_id[id(f)].summary()
        if id(f) in by_id
        else FileSummary(f.filename, "too-large", len(f.data), None)
        for f in files
    )


# -- roles ------------------------------------------------------------------------------


def _is_long(candidate: AnalysedFile | None, limits: Limits) -> bool:
    chars = candidate.characters if candidate else None
    return chars is not None and chars > 3 * limits.max_presentation_chars


def _pick_entry(
    candidates: list[AnalysedFile], other_long: bool, limits: Limits, roles: _Roles
) -> AnalysedFile | None:
    """The longest document is the entry; a short one next to a long entry is the text."""
    ordered = sorted(candidates, key=lambda a: a.characters or 0, reverse=True)
    entry = ordered[0] if ordered else None
    if entry is not None and other_long and _is_short_text(entry, limits):
        entry = None
    for rest in ordered:
        if rest is entry:
            continue
        (roles.presentation if _is_short_text(rest, limits) else roles.extra).append(rest)
    return entry


def _is_short_text(candidate: AnalysedFile, limits: Limits) -> bool:
    return candidate.text is not None and looks_like_presentation(
        candidate.text, limits.max_presentation_chars
    )


def _assign_roles(analysed: list[AnalysedFile], limits: Limits) -> _Roles:
    roles = _Roles()
    words = [a for a in analysed if a.kind is Kind.DOCX and a.usable]
    pdfs = [a for a in analysed if a.kind is Kind.PDF]
    longest_word = max(words, key=lambda a: a.characters or 0, default=None)
    longest_pdf = max(pdfs, key=lambda a: a.characters or 0, default=None)
    roles.word = _pick_entry(words, _is_long(longest_pdf, limits), limits, roles)
    roles.pdf = _pick_entry(pdfs, _is_long(longest_word, limits), limits, roles)
    for item in analysed:
        if item.kind in PICTURES:
            roles.pictures.append(item)
        elif item.kind is Kind.TEXT:
            roles.presentation.append(item)
        elif item.kind in (Kind.ZIP, Kind.OLE, Kind.UNKNOWN):
            roles.extra.append(item)
    return roles


# -- the written entry -----------------------------------------------------------------


def _check_word_and_pdf(roles: _Roles, analysed: list[AnalysedFile], report: Report) -> None:
    report.ran(CHECK_WORD_PDF)
    # A .doc, macro or broken Word file already has its own, more precise, message.
    word_fault = any(
        a.kind in WORD_LIKE | {Kind.ZIP_BOMB, Kind.BROKEN_ZIP} and not a.usable for a in analysed
    )
    if roles.word is None and not word_fault:
        report.add(
            blocking(
                "docx-missing",
                CHECK_WORD_PDF,
                "Bidraget i Word-format (.docx) saknas. Bidraget ska skickas i både Word- och "
                "PDF-format: skicka Word-dokumentet (.docx).",
            )
        )
    if roles.pdf is None:
        report.add(
            blocking(
                "pdf-missing",
                CHECK_WORD_PDF,
                "Bidraget i PDF-format saknas. Bidraget ska skickas i både Word- och PDF-format: "
                "spara dokumentet som PDF i Word (Arkiv > Spara som > PDF) och skicka PDF-filen.",
            )
        )


def _check_written_entry(
    roles: _Roles, limits: Limits, words: WordCounts | None, report: Report
) -> None:
    word = roles.word
    if word is None or word.docx is None:
        return
    _check_length(word, limits, report)
    report.ran(CHECK_STRUCTURE)
    report.ran(CHECK_APPENDIX)
    report.extend(check_structure(list(word.docx.paragraphs)))
    check_document_images(word.docx, limits, words, report)
    if roles.pdf is not None and roles.pdf.usable:
        _check_versions(word, roles.pdf, report)


def _check_length(word: AnalysedFile, limits: Limits, report: Report) -> None:
    assert word.docx is not None
    report.ran(CHECK_LENGTH)
    chars, limit = word.docx.characters, limits.max_entry_chars
    if chars > limit:
        report.add(
            blocking(
                "too-long",
                CHECK_LENGTH,
                f"Bidraget har {describe_count(chars)}, {fmt_int(chars - limit)} för många. "
                f"Korta texten till högst {fmt_int(limit)} tecken.",
                word.name,
            )
        )
    # docProps/app.xml's <Characters> is Word's estimate from the raw length, not a count
    # (it matched an exact count within 2 % in about a quarter of 85 real documents), so it
    # is not compared: the receipt says how we count instead, as Word's Ordräkning does.


def _check_versions(word: AnalysedFile, pdf: AnalysedFile, report: Report) -> None:
    report.ran(CHECK_VERSIONS)
    result = compare_texts(word.text or "", pdf.text or "")
    if not result.comparable:
        report.add(
            info(
                "compare-skipped",
                CHECK_VERSIONS,
                f"PDF-filen {pdf.name} har ingen läsbar text (inskannad?), så den kunde inte "
                "jämföras med Word-dokumentet.",
                pdf.name,
            )
        )
    elif not result.same_version:
        report.add(
            warning(
                "versions-differ",
                CHECK_VERSIONS,
                f"Word-dokumentet {word.name} och PDF-filen {pdf.name} verkar vara olika "
                f"versioner (likhet {result.similarity:.0%}). Skapa PDF-filen från den slutliga "
                "Word-versionen och skicka båda igen.",
            )
        )


# -- presentation text and extra files -------------------------------------------------


def _check_presentation(roles: _Roles, body: str, limits: Limits, report: Report) -> int | None:
    report.ran(CHECK_PRESENTATION)
    source, text = _presentation_source(roles, body)
    if text is None:
        report.add(
            warning(
                "presentation-missing",
                CHECK_PRESENTATION,
                "Vi hittade ingen presentationstext. Skicka en text på högst "
                f"{fmt_int(limits.max_presentation_chars)} tecken exklusive blanksteg som "
                "presenterar verksamheten, vad hög kvalitet är hos er och vad kvalitetsarbetet "
                "ger era målgrupper, som fil eller i mejlet under rubriken Presentationstext.",
            )
        )
        return None
    chars = count_no_spaces(text)
    if chars > limits.max_presentation_chars:
        report.add(
            blocking(
                "presentation-too-long",
                CHECK_PRESENTATION,
                f"Presentationstexten ({source}) har {describe_count(chars)}, "
                f"{fmt_int(chars - limits.max_presentation_chars)} för många. Korta den till högst "
                f"{fmt_int(limits.max_presentation_chars)} tecken.",
            )
        )
    return chars


def _presentation_source(roles: _Roles, body: str) -> tuple[str, str | None]:
    for candidate in roles.presentation:
        if candidate.text and candidate.text.strip():
            roles.presentation.remove(candidate)
            roles.extra += roles.presentation  # more than one: the rest are extra files
            roles.presentation = [candidate]
            return f"filen {candidate.name}", candidate.text
    return "i mejlet", presentation_from_body(body)


def _check_extra_files(roles: _Roles, report: Report) -> None:
    report.ran(CHECK_APPENDIX)
    for extra in roles.extra:
        report.add(
            warning(
                "appendix",
                CHECK_APPENDIX,
                f"Filen {extra.name} är inte bidraget, presentationstexten eller bilden. Bilagor "
                "får inte användas, så filen skickas inte vidare till examinatorerna.",
                extra.name,
            )
        )
