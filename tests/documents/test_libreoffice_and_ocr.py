"""Real conversions by LibreOffice and real OCR by Tesseract, where installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.entries.documents import InputFile, check_entry
from bot.entries.documents.docx import analyse_docx
from bot.entries.documents.filetype import Kind, sniff
from bot.entries.documents.findings import CHECK_VERSIONS
from bot.entries.documents.image import ocr_available
from tests.documents.docfactory import (
    build_entry,
    docx_text,
    make_pdf,
    picture,
    requires_soffice,
    soffice_convert,
)

BODY = "Presentationstext:\nFörskolan Solrosen i Bagarmossen.\n\nMed vänlig hälsning"
PICTURE = InputFile("bild.jpg", "image/jpeg", picture())


def test_libreoffice_pdf_of_the_entry_is_the_same_version(
    full_entry: bytes, soffice_pdf: bytes
) -> None:
    files = [
        InputFile("bidrag.docx", "", full_entry),
        InputFile("bidrag.pdf", "", soffice_pdf),
        PICTURE,
    ]
    result = check_entry(files, BODY, ocr=False)
    assert not result.blocking, result.findings
    assert "versions-differ" not in result.codes()
    assert CHECK_VERSIONS in result.passed


def test_count_agrees_with_libreoffice_app_xml(soffice_docx: bytes) -> None:
    info = analyse_docx(soffice_docx)
    assert info.app_characters is not None
    assert abs(info.characters - info.app_characters) <= 0.005 * info.app_characters


def test_libreoffice_round_trip_keeps_the_count(full_entry: bytes, soffice_docx: bytes) -> None:
    ours = analyse_docx(full_entry).characters
    assert abs(analyse_docx(soffice_docx).characters - ours) <= 0.005 * ours


def test_libreoffice_docx_passes_the_structure_check(soffice_docx: bytes) -> None:
    pdf = make_pdf(docx_text(soffice_docx))
    files = [InputFile("bidrag.docx", "", soffice_docx), InputFile("bidrag.pdf", "", pdf), PICTURE]
    codes = check_entry(files, BODY, ocr=False).codes()
    assert not codes & {"question-missing", "question-unanswered", "section-missing"}


@requires_soffice
def test_real_word_97_file_gets_a_request_for_docx(tmp_path: Path, entry_pdf: bytes) -> None:
    small = build_entry(answer_chars=30)
    doc = soffice_convert(tmp_path, small, ".docx", "doc:MS Word 97")
    assert sniff(doc) is Kind.DOC
    result = check_entry(
        [InputFile("bidrag.docx", "", doc), InputFile("b.pdf", "", entry_pdf)], BODY, ocr=False
    )
    assert "doc-format" in result.codes() and result.blocking


@pytest.mark.skipif(not ocr_available(), reason="tesseract with Swedish is not installed")
def test_text_in_document_image_is_flagged_for_staff(entry_pdf: bytes) -> None:
    text = "\n".join(
        [
            "Våra mål för året",
            "Trygghet och lärande för alla barn",
            "Uppföljning varje månad med personalen",
            "Analys av resultaten",
            "Förbättringar som vi genomför",
            "Utvärdering i december",
        ]
    )
    word = build_entry(image=picture(800, 500, "PNG", text=text))
    result = check_entry(
        [InputFile("bidrag.docx", "", word), InputFile("bidrag.pdf", "", entry_pdf), PICTURE],
        BODY,
        ocr=True,
    )
    finding = next(f for f in result.findings if f.code == "text-in-image")
    assert finding.severity == "warning"


@pytest.mark.skipif(not ocr_available(), reason="tesseract with Swedish is not installed")
def test_text_laid_on_the_picture_is_flagged(full_entry: bytes, entry_pdf: bytes) -> None:
    texty = InputFile("bild.jpg", "", picture(text="Välkommen till förskolan Solrosen"))
    result = check_entry(
        [InputFile("bidrag.docx", "", full_entry), InputFile("bidrag.pdf", "", entry_pdf), texty],
        BODY,
        ocr=True,
    )
    assert "text-in-image" in result.codes() and not result.blocking
