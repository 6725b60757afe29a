"""check_entry end to end: what a unit sends, what the receipt will say."""

from __future__ import annotations

import io

import pytest

from bot.entries.documents import InputFile, Limits, check_entry, check_minutes, looks_like_entry
from bot.entries.documents.findings import CHECK_LENGTH, CHECK_STRUCTURE, CHECK_WORD_PDF
from tests.documents.docfactory import (
    DOCS,
    build_entry,
    docx_text,
    make_pdf,
    picture,
    png_header_only,
    rezip,
    swedish_text,
)

BODY = (
    "Hej!\nHär är vårt bidrag.\n\nPresentationstext:\n"
    "Förskolan Solrosen är en förskola med sex avdelningar i Bagarmossen. Hög kvalitet "
    "för oss är att varje barn känner sig tryggt och utmanat.\n\nMed vänlig hälsning\nAnna"
)


def _files(word: bytes | None, pdf: bytes | None, *extra: InputFile) -> list[InputFile]:
    files = []
    if word is not None:
        files.append(InputFile("Bidrag Solrosen.docx", "application/octet-stream", word))
    if pdf is not None:
        files.append(InputFile("Bidrag Solrosen.pdf", "application/pdf", pdf))
    files.append(InputFile("solrosen.jpg", "image/jpeg", picture()))
    return files + list(extra)


def test_valid_entry_is_accepted(full_entry: bytes, entry_pdf: bytes) -> None:
    result = check_entry(_files(full_entry, entry_pdf), BODY, ocr=False)
    assert not result.blocking, result.findings
    assert not result.warnings, result.warnings
    assert result.characters is not None and 9_000 < result.characters < 13_000
    assert result.presentation_characters is not None
    assert {CHECK_WORD_PDF, CHECK_LENGTH, CHECK_STRUCTURE} <= set(result.passed)
    kinds = [(f.filename, f.kind) for f in result.files]
    assert kinds == [
        ("Bidrag Solrosen.docx", "docx"),
        ("Bidrag Solrosen.pdf", "pdf"),
        ("solrosen.jpg", "jpeg"),
    ]


def test_entry_of_100000_characters_is_blocked_with_the_excess() -> None:
    word = build_entry(answer_chars=3_900)
    result = check_entry(_files(word, make_pdf(docx_text(word))), BODY, ocr=False)
    too_long = next(f for f in result.findings if f.code == "too-long")
    assert result.blocking and too_long.severity == "blocking"
    assert result.characters is not None and result.characters > 100_000
    excess = result.characters - 95_000
    assert f"{excess:,}".replace(",", " ") + " för många" in too_long.message
    assert "högst 95 000 tecken" in too_long.message


def test_entry_without_pdf_is_blocked(full_entry: bytes) -> None:
    result = check_entry(_files(full_entry, None), BODY, ocr=False)
    assert "pdf-missing" in result.codes() and result.blocking


def test_pdf_only_asks_for_the_word_document(entry_pdf: bytes) -> None:
    result = check_entry(_files(None, entry_pdf), BODY, ocr=False)
    assert "docx-missing" in result.codes()


def test_doc_format_gets_a_request_for_docx(entry_pdf: bytes) -> None:
    odt = build_odt()
    result = check_entry(
        _files(None, entry_pdf, InputFile("bidrag.docx", "", odt)), BODY, ocr=False
    )
    codes = result.codes()
    assert "doc-format" in codes and "docx-missing" not in codes
    assert "(.docx)" in next(f.message for f in result.findings if f.code == "doc-format")


def build_odt() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def test_over_long_presentation_is_blocked(full_entry: bytes, entry_pdf: bytes) -> None:
    body = "Presentationstext:\n" + ("Vi arbetar med kvalitet varje dag. " * 45)
    result = check_entry(_files(full_entry, entry_pdf), body, ocr=False)
    finding = next(f for f in result.findings if f.code == "presentation-too-long")
    assert finding.severity == "blocking" and "för många" in finding.message


def test_presentation_as_its_own_file_is_used(full_entry: bytes, entry_pdf: bytes) -> None:
    text = InputFile("presentation.txt", "text/plain", "Vi är en förskola.".encode())
    result = check_entry(_files(full_entry, entry_pdf, text), "Hej", ocr=False)
    assert result.presentation_characters == len("Viärenförskola.")
    assert "appendix" not in result.codes()


def test_presentation_as_a_short_pdf_is_not_the_entry(full_entry: bytes) -> None:
    short = InputFile("presentation.pdf", "application/pdf", make_pdf("Vi är en förskola."))
    result = check_entry(_files(full_entry, None, short), "Hej", ocr=False)
    assert "pdf-missing" in result.codes()
    assert result.presentation_characters == len("Viärenförskola.")


def test_missing_presentation_is_a_warning(full_entry: bytes, entry_pdf: bytes) -> None:
    result = check_entry(_files(full_entry, entry_pdf), "Hej, här är bidraget.", ocr=False)
    finding = next(f for f in result.findings if f.code == "presentation-missing")
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    ("width", "height", "code"),
    [(1200, 1920, "picture-orientation"), (1600, 1000, "picture-size")],
)
def test_wrong_picture_is_only_a_warning(
    full_entry: bytes, entry_pdf: bytes, width: int, height: int, code: str
) -> None:
    files = _files(full_entry, entry_pdf)
    files[2] = InputFile("bild.jpg", "image/jpeg", picture(width, height))
    result = check_entry(files, BODY, ocr=False)
    finding = next(f for f in result.findings if f.code == code)
    assert finding.severity == "warning" and "mediabank" in finding.message
    assert not result.blocking


def test_heic_and_missing_picture_are_warnings(full_entry: bytes, entry_pdf: bytes) -> None:
    files = _files(full_entry, entry_pdf)
    files[2] = InputFile(
        "IMG_0001.HEIC",
        "image/heic",
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 100,
    )
    assert "picture-format" in check_entry(files, BODY, ocr=False).codes()
    assert "picture-missing" in check_entry(files[:2], BODY, ocr=False).codes()


def test_different_versions_are_reported(full_entry: bytes) -> None:
    # An early draft: the first questions only, with other answers.
    draft = "\n".join(
        f"Fråga {i}. Här skriver vi ett första utkast om arbetet med mål {i}."
        for i in range(1, 120)
    )
    stale_pdf = make_pdf(draft)
    result = check_entry(_files(full_entry, stale_pdf), BODY, ocr=False)
    assert "versions-differ" in result.codes()


def test_extra_documents_are_reported_as_appendices(full_entry: bytes, entry_pdf: bytes) -> None:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(swedish_text(5_000))
    out = io.BytesIO()
    document.save(out)
    extra = InputFile("organisation.docx", "", out.getvalue())
    result = check_entry(_files(full_entry, entry_pdf, extra), BODY, ocr=False)
    finding = next(f for f in result.findings if f.code == "appendix")
    assert finding.filename == "organisation.docx"


def test_image_in_document_without_ocr_says_skipped(entry_pdf: bytes) -> None:
    word = build_entry(image=picture(300, 200, "PNG"))
    result = check_entry(_files(word, entry_pdf), BODY, ocr=False)
    finding = next(f for f in result.findings if f.code == "ocr-skipped")
    assert finding.severity == "info"


# -- hostile and broken files --------------------------------------------------------------


@pytest.mark.parametrize("as_name", ["bidrag.docm", "bidrag.docx"])
def test_macro_document_is_blocked_even_when_renamed(entry_pdf: bytes, as_name: str) -> None:
    result = check_entry(
        _files(
            None, entry_pdf, InputFile(as_name, "", (DOCS / "docm-macro-enabled.docm").read_bytes())
        ),
        BODY,
        ocr=False,
    )
    finding = next(f for f in result.findings if f.code == "macro")
    assert finding.severity == "blocking" and "makron" in finding.message
    assert "docx-missing" not in result.codes()


def test_encrypted_document_is_encrypted_not_corrupt(entry_pdf: bytes) -> None:
    data = (DOCS / "docx-encrypted-password-tika.docx").read_bytes()
    result = check_entry(
        _files(None, entry_pdf, InputFile("bidrag.docx", "", data)), BODY, ocr=False
    )
    assert "encrypted" in result.codes() and "corrupt" not in result.codes()
    assert result.blocking


def test_remote_template_is_blocked_and_local_template_warned(entry_pdf: bytes) -> None:
    remote = (DOCS / "docx-attached-remote-template.docx").read_bytes()
    local = (DOCS / "docx-attached-template-settings-rels.docx").read_bytes()
    remote_result = check_entry(_files(remote, entry_pdf), BODY, ocr=False)
    local_result = check_entry(_files(local, entry_pdf), BODY, ocr=False)
    severity = {f.code: f.severity for f in remote_result.findings}
    assert severity["remote-template"] == "blocking"
    local_finding = next(f for f in local_result.findings if f.code == "remote-template")
    assert local_finding.severity == "warning"


def test_javascript_and_encrypted_pdfs_are_blocked(full_entry: bytes) -> None:
    for name, code in (
        ("pdf-javascript-action-on-page.pdf", "pdf-javascript"),
        ("pdf-encrypted-user-password.pdf", "encrypted"),
    ):
        files = _files(full_entry, (DOCS / name).read_bytes())
        result = check_entry(files, BODY, ocr=False)
        assert code in result.codes() and result.blocking
        assert "pdf-missing" not in result.codes()


def test_ordinary_fixture_documents_are_accepted_as_files() -> None:
    word = (DOCS / "docx-normal-headings-table-links.docx").read_bytes()
    pdf = (DOCS / "pdf-ordinary-two-pages.pdf").read_bytes()
    result = check_entry(_files(word, pdf), BODY, ocr=False)
    safety = {"macro", "encrypted", "corrupt", "zip-bomb", "remote-template", "pdf-javascript"}
    assert not safety & result.codes()


def test_nested_tables_fixture_is_counted() -> None:
    # Alone: next to a long PDF, a document this short would be taken for the presentation.
    word = (DOCS / "docx-paragraphs-and-nested-tables.docx").read_bytes()
    result = check_entry(_files(word, None), BODY, ocr=False)
    assert result.characters == 122


def test_zip_bomb_docx_is_blocked(entry_pdf: bytes) -> None:
    bomb = rezip(
        build_entry(answer_chars=50), {}, {"word/media/padding.xml": b"\0" * (30 * 1024 * 1024)}
    )
    assert len(bomb) < 1024 * 1024
    result = check_entry(_files(bomb, entry_pdf), BODY, ocr=False)
    assert "zip-bomb" in result.codes() and result.blocking


def test_billion_laughs_docx_is_a_clear_fault(entry_pdf: bytes) -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    data = rezip(build_entry(answer_chars=50), {"word/document.xml": evil})
    result = check_entry(_files(data, entry_pdf), BODY, ocr=False)
    finding = next(f for f in result.findings if f.code == "corrupt")
    assert "otillåten XML" in finding.message


def test_zero_byte_and_corrupt_pdf_are_clear_faults(full_entry: bytes) -> None:
    files = _files(full_entry, b"%PDF-1.7\ntrasig", InputFile("tom.docx", "", b""))
    result = check_entry(files, BODY, ocr=False)
    messages = " ".join(f.message for f in result.findings if f.code == "corrupt")
    assert "tom (0 byte)" in messages and "kan inte läsas" in messages


def test_twenty_thousand_square_png_is_a_picture_warning(
    full_entry: bytes, entry_pdf: bytes
) -> None:
    files = _files(full_entry, entry_pdf)
    files[2] = InputFile("stor.png", "image/png", png_header_only(20_000, 20_000))
    result = check_entry(files, BODY, ocr=False)
    finding = next(f for f in result.findings if f.code == "picture-size")
    assert "för stor" in finding.message and not result.blocking


def test_file_and_mail_size_limits(full_entry: bytes, entry_pdf: bytes) -> None:
    limits = Limits(max_file_bytes=20_000, max_total_bytes=50_000)
    result = check_entry(_files(full_entry, entry_pdf), BODY, limits=limits, ocr=False)
    assert "too-large" in result.codes() and result.blocking
    assert any(f.kind == "too-large" for f in result.files)


def test_looks_like_entry_by_content() -> None:
    assert looks_like_entry([InputFile("x.bin", "", make_pdf("hej"))])
    assert looks_like_entry([InputFile("x.bin", "", build_entry(answer_chars=20))])
    assert not looks_like_entry([InputFile("bild.pdf", "application/pdf", picture())])


# -- minutes ------------------------------------------------------------------------------


def test_minutes_mentioning_the_unit_pass() -> None:
    pdf = make_pdf(
        "Utdrag ur protokoll, Farsta stadsdelsnämnd\n§ 12 Förskolan Solrosen "
        "deltar i Kvalitetsutmärkelsen 2024."
    )
    result = check_minutes([InputFile("protokoll.pdf", "", pdf)], "Förskolan Solrosen")
    assert result.mentions_unit is True and not result.findings


def test_minutes_not_mentioning_the_unit_warn() -> None:
    pdf = make_pdf("Utdrag ur protokoll\n§ 12 Äldreboendet Tallen deltar.")
    result = check_minutes([InputFile("protokoll.pdf", "", pdf)], "Förskolan Solrosen")
    assert result.mentions_unit is False and "minutes-unit-missing" in result.codes()


def test_minutes_without_document_are_blocking() -> None:
    result = check_minutes([InputFile("a.txt", "text/plain", b"hej")], "Förskolan Solrosen")
    assert result.blocking and "minutes-missing" in result.codes()


def test_words_stored_estimate_is_not_compared(full_entry: bytes, entry_pdf: bytes) -> None:
    """app.xml's <Characters> is Word's estimate, not a count: nothing is said about it."""
    app = (
        b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/extended-properties"><Characters>50000</Characters>'
        b"<CharactersWithSpaces>60000</CharactersWithSpaces></Properties>"
    )
    stale = rezip(full_entry, {"docProps/app.xml": app})
    result = check_entry(_files(stale, entry_pdf), BODY, ocr=False)
    assert not any("50 000" in f.message or "Words" in f.message for f in result.findings)
    assert not result.blocking
