"""Structure of the entry: sections, the 22 questions, leftovers, appendices."""

from __future__ import annotations

import docx

from bot.entries.documents.docx import Paragraph, analyse_docx
from bot.entries.documents.questions import BILAGA_1, BILAGA_2, INGRESSER, QUESTIONS
from bot.entries.documents.structure import check_structure, find_questions
from tests.documents.docfactory import build_entry


def _paragraphs(data: bytes) -> list[Paragraph]:
    return list(analyse_docx(data).paragraphs)


def test_complete_entry_has_no_structure_findings() -> None:
    assert check_structure(_paragraphs(build_entry())) == []


def test_every_question_is_found_in_a_complete_entry() -> None:
    found = find_questions(_paragraphs(build_entry()))
    assert set(found) == {q.qid for q in QUESTIONS}


def test_missing_questions_are_reported_as_seeming_missing() -> None:
    findings = check_structure(_paragraphs(build_entry(skip={"7", "16b", "21"})))
    missing = [f for f in findings if f.code == "question-missing"]
    assert len(missing) == 1
    assert "7, 16 b, 21 verkar saknas" in missing[0].message
    assert missing[0].severity == "warning"


def test_question_without_answer_is_reported() -> None:
    paragraphs = _paragraphs(build_entry(answer_chars=200))
    # Drop the answer to question 12 (the paragraph right after its heading).
    index = next(i for i, p in enumerate(paragraphs) if p.text.startswith("12."))
    del paragraphs[index + 1]
    codes = {f.code: f for f in check_structure(paragraphs)}
    assert "Fråga 12 verkar sakna svar" in codes["question-unanswered"].message


def test_questions_found_by_wording_without_numbers() -> None:
    found = find_questions(_paragraphs(build_entry(numbers_in_headings=False)))
    assert {"1", "10", "15", "22"} <= set(found)


def test_numbers_alone_as_headings_are_enough() -> None:
    paragraphs = [Paragraph(f"Fråga {q.label}", heading_level=2) for q in QUESTIONS]
    assert set(find_questions(paragraphs)) == {q.qid for q in QUESTIONS}


def test_numbered_lists_in_answers_are_not_taken_for_questions() -> None:
    paragraphs = [
        Paragraph("Inledning", heading_level=1),
        Paragraph("1. Vi har tre arbetslag och en kock."),
        Paragraph("2. Alla har förskollärarexamen."),
    ]
    assert find_questions(paragraphs) == {}


def test_numbered_section_heading_is_not_question_one() -> None:
    paragraphs = [Paragraph("1. Inledning", heading_level=1)]
    assert find_questions(paragraphs) == {}


def test_admin_details_and_introduction_missing_are_reported() -> None:
    document = docx.Document()
    document.add_paragraph("Här börjar vi direkt med svaren.")
    paragraphs = [Paragraph(p.text) for p in document.paragraphs]
    messages = [f.message for f in check_structure(paragraphs) if f.code == "section-missing"]
    assert any("administrativa uppgifterna" in m for m in messages)
    assert any("Inledning" in m for m in messages)


def test_leftover_ingress_is_blocking() -> None:
    data = build_entry(extra_paragraphs=[INGRESSER["Medarbetarskap"]])
    left = [f for f in check_structure(_paragraphs(data)) if f.code == "ingress-left"]
    assert left and left[0].severity == "blocking"
    assert "Medarbetarskap" in left[0].message


def test_one_quoted_sentence_is_not_a_leftover() -> None:
    quote = INGRESSER["Målgrupp"].split(". ")[0] + "."
    data = build_entry(extra_paragraphs=[quote])
    assert not [f for f in check_structure(_paragraphs(data)) if f.code == "ingress-left"]


def test_leftover_bilaga_1_and_2_are_blocking() -> None:
    extra = [
        "Bilaga 1",
        "(Tas bort när ni skickar in tävlingsbidraget.)",
        BILAGA_1,
        "Bilaga 2 Checklista för kvalitetsarbete",
        BILAGA_2,
    ]
    findings = check_structure(_paragraphs(build_entry(extra_paragraphs=extra)))
    left = [f for f in findings if f.code == "bilaga-left"]
    assert len(left) == 2
    assert all(f.severity == "blocking" for f in left)
    # The instructions' own appendices are reported once, as leftovers.
    assert not [f for f in findings if f.code == "appendix"]


def test_appendix_section_in_document_is_blocking() -> None:
    data = build_entry(extra_paragraphs=["Bilaga 3: Organisationsschema", "Se schemat."])
    appendix = [f for f in check_structure(_paragraphs(data)) if f.code == "appendix"]
    assert appendix and appendix[0].severity == "blocking"
    assert "Organisationsschema" in appendix[0].message


def test_glossary_under_another_heading_is_pointed_out() -> None:
    paragraphs = [Paragraph("Begreppslista", heading_level=1), Paragraph("APT: möte")]
    codes = {f.code for f in check_structure(paragraphs)}
    assert "glossary-heading" in codes
