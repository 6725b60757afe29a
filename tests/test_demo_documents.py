"""The demo's documents pass every entry and minutes check, without LibreOffice or OCR."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from bot.demo.documents import (
    DOCX_TYPE,
    JPEG_TYPE,
    PDF_TYPE,
    SOLSTRALEN,
    TROLLSKOGEN,
    DemoUnit,
    docx_text,
    entry_docx,
    entry_pdf,
    minutes_pdf,
    presentation_text,
)
from bot.demo.picture import picture_jpeg
from bot.entries.documents import InputFile, check_entry, check_minutes
from bot.entries.documents.compare import compare_texts
from bot.entries.documents.docx import analyse_docx
from bot.entries.documents.questions import QUESTIONS
from bot.entries.documents.structure import find_questions

UNITS = pytest.mark.parametrize("unit", [TROLLSKOGEN, SOLSTRALEN], ids=lambda u: u.name)


def _body(unit: DemoUnit) -> str:
    return (
        f"Hej!\n\nHär är vårt bidrag.\n\nPresentationstext:\n{presentation_text(unit)}\n\n"
        f"Med vänliga hälsningar\n{unit.contact}\n"
    )


def _complete(unit: DemoUnit) -> list[InputFile]:
    return [
        InputFile("Bidrag.docx", DOCX_TYPE, entry_docx(unit)),
        InputFile("Bidrag.pdf", PDF_TYPE, entry_pdf(unit)),
        InputFile("Bild.jpg", JPEG_TYPE, picture_jpeg()),
    ]


@UNITS
def test_complete_entry_passes_every_check(unit: DemoUnit) -> None:
    result = check_entry(_complete(unit), _body(unit), ocr=False)
    assert not result.blocking
    assert result.findings == ()
    assert "Samma version i Word och PDF" in result.passed and "Bild" in result.passed
    assert result.characters is not None and 5_000 < result.characters < 95_000
    assert result.presentation_characters is not None
    assert 200 < result.presentation_characters <= 1_000


@UNITS
def test_word_only_entry_is_missing_just_the_pdf(unit: DemoUnit) -> None:
    files = [InputFile("Bidrag.docx", DOCX_TYPE, entry_docx(unit))]
    result = check_entry(files, "Hej! Här är vårt bidrag.", ocr=False)
    assert [f.code for f in result.findings if f.severity == "blocking"] == ["pdf-missing"]
    assert {"presentation-missing", "picture-missing"} <= result.codes()


@UNITS
def test_entry_has_every_question_answered_at_length(unit: DemoUnit) -> None:
    paragraphs = list(analyse_docx(entry_docx(unit)).paragraphs)
    assert set(find_questions(paragraphs)) == {q.qid for q in QUESTIONS}
    texts = [p.text for p in paragraphs]
    for heading in ("Administrativa uppgifter", "Ordlista", "Inledning"):
        assert heading in texts
    answers = [p.text for p in paragraphs if p.heading_level is None and len(p.text) > 200]
    # Inledning and 24 answers: 1-15, 16 a-c, 17-19, 20 (with a-b), 21 and 22.
    assert len(answers) == 1 + 24 and all(len(a) < 600 for a in answers)


@UNITS
def test_pdf_extracts_to_the_word_text(unit: DemoUnit) -> None:
    reader = PdfReader(io.BytesIO(entry_pdf(unit)))
    pdf_text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 1 and unit.name in pdf_text and "Ordlista" in pdf_text
    comparison = compare_texts(docx_text(entry_docx(unit)), pdf_text)
    assert comparison.comparable and comparison.similarity > 0.97


def test_picture_is_a_landscape_jpeg_of_the_required_size() -> None:
    image = Image.open(io.BytesIO(picture_jpeg()))
    assert image.format == "JPEG" and image.size == (1920, 1200)


@UNITS
def test_minutes_extract_names_its_unit_only(unit: DemoUnit) -> None:
    files = [InputFile("Protokollsutdrag.pdf", PDF_TYPE, minutes_pdf(unit))]
    result = check_minutes(files, unit.name)
    assert result.mentions_unit is True and result.findings == ()
    other = SOLSTRALEN if unit is TROLLSKOGEN else TROLLSKOGEN
    assert check_minutes(files, other.name).mentions_unit is False
