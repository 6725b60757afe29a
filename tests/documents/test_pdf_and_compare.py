"""PDFs are read in a limited subprocess; Word and PDF versions are compared."""

from __future__ import annotations

import email
import email.policy

from bot.documents.compare import compare_texts
from bot.documents.pdf import extract_pdf_text_safely
from tests.documents.docfactory import DOCS, FIXTURES, make_pdf


def test_ordinary_pdf_text_is_extracted() -> None:
    result = extract_pdf_text_safely((DOCS / "pdf-ordinary-two-pages.pdf").read_bytes())
    assert result.ok and result.pages == 2
    assert "page about France" in result.text
    assert not result.javascript


def test_javascript_on_page_open_is_found() -> None:
    result = extract_pdf_text_safely((DOCS / "pdf-javascript-action-on-page.pdf").read_bytes())
    assert result.ok and result.javascript


def test_javascript_is_found_through_the_object_graph() -> None:
    # Without the raw byte scan: the JS name sits in an action dictionary of page /AA.
    from bot.documents import _pdf_worker

    data = (DOCS / "pdf-javascript-action-on-page.pdf").read_bytes()
    import io

    from pypdf import PdfReader

    assert _pdf_worker._has_javascript(PdfReader(io.BytesIO(data)))


def test_encrypted_pdf_is_encrypted_not_corrupt() -> None:
    result = extract_pdf_text_safely((DOCS / "pdf-encrypted-user-password.pdf").read_bytes())
    assert result.fault == "encrypted"


def test_truncated_pdf_from_a_real_mail_is_a_clear_fault() -> None:
    path = FIXTURES / "mail" / "human-truncated-pdf-attachment.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    data = next(message.iter_attachments()).get_content()
    result = extract_pdf_text_safely(data)
    assert result.fault == "corrupt"
    assert "avkortad" in result.detail


def test_garbage_and_empty_input_are_faults_not_exceptions() -> None:
    assert extract_pdf_text_safely(b"%PDF-1.7\nnonsense\n%%EOF").fault == "corrupt"
    assert extract_pdf_text_safely(b"").fault == "corrupt"


def test_timeout_and_memory_limit_end_in_a_fault() -> None:
    data = (DOCS / "pdf-ordinary-two-pages.pdf").read_bytes()
    assert extract_pdf_text_safely(data, timeout=0.001).fault == "timeout"
    assert extract_pdf_text_safely(data, memory_bytes=8 * 1024 * 1024).fault == "corrupt"


def test_generated_pdf_round_trips_swedish_text() -> None:
    result = extract_pdf_text_safely(make_pdf("Förskolan Solrosen\nÅtgärder för ökad nöjdhet"))
    assert "Solrosen" in result.text and "Åtgärder" in result.text


_TEXT = " ".join(
    f"Stycke {i}: vi arbetar systematiskt med kvalitet och uppföljning." for i in range(80)
)


def test_pdf_extraction_noise_still_counts_as_same_version() -> None:
    noisy = _TEXT.replace("systematiskt", "syste matiskt").replace("uppföljning", "upp-\nföljning")
    noisy += " Sida 1 av 3 Kvalitetsutmärkelsen 2024"
    assert compare_texts(_TEXT, noisy).same_version


def test_a_rewritten_version_differs() -> None:
    other = " ".join(
        f"Avsnitt {i}: nya mål för året beslutades av ledningsgruppen i mars." for i in range(80)
    )
    result = compare_texts(_TEXT, _TEXT[: len(_TEXT) // 3] + other)
    assert result.comparable and not result.same_version


def test_scanned_pdf_without_text_is_not_comparable() -> None:
    assert not compare_texts(_TEXT, "").comparable
