"""The .docx reader in the document worker (issue 12): a dense or crafted document ends
in a clear answer within its budget, and an ordinary one reads as before. The budgets
here are tiny or counted in paragraphs, so no test depends on the machine's speed."""

from __future__ import annotations

import random

from bot.entries.documents import InputFile, Limits
from bot.entries.documents.docx import analyse_docx
from bot.entries.documents.docx_sandbox import analyse_docx_safely
from bot.entries.documents.entry_check import check_entry
from bot.entries.documents.ooxml import DocxError
from bot.entries.documents.safezip import ZipLimits
from tests.documents.docfactory import build_entry, rezip

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MB = 1024 * 1024


def dense_docx(paragraphs: int) -> bytes:
    """Many short paragraphs of random letters: it compresses like real text (about 6:1),
    so it passes every zip limit, as the attack did."""
    rnd = random.Random(12)
    letters = "abcdefghijklmnopqrstuvwxyzåäö"
    body = "".join(
        "<w:p><w:r><w:t>" + "".join(rnd.choices(letters, k=8)) + "</w:t></w:r></w:p>"
        for _ in range(paragraphs)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
        '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"{body}</w:body></w:document>"
    )
    return rezip(build_entry(answer_chars=40), {"word/document.xml": xml.encode()})


def _safely(data: bytes, **budget: float | int) -> object:
    args = {"timeout": 20.0, "memory_bytes": 480 * MB, "max_paragraphs": 50_000, **budget}
    try:
        return analyse_docx_safely(data, ZipLimits(), **args)  # type: ignore[arg-type]
    except DocxError as exc:
        return exc


def test_an_ordinary_entry_reads_the_same_in_the_worker() -> None:
    data = build_entry(answer_chars=200)
    assert _safely(data) == analyse_docx(data)


def test_too_many_paragraphs_is_a_clear_fault() -> None:
    result = _safely(dense_docx(60_000))
    assert isinstance(result, DocxError) and result.code == "too-demanding"
    assert "stycken" in result.detail


def test_memory_and_time_budgets_end_in_a_clear_fault() -> None:
    data = dense_docx(20_000)
    over_memory = _safely(data, memory_bytes=40 * MB)
    assert isinstance(over_memory, DocxError) and over_memory.code == "too-demanding"
    over_time = _safely(data, timeout=0.001)
    assert isinstance(over_time, DocxError) and over_time.code == "too-demanding"
    assert _safely(data) is not None and not isinstance(_safely(data), DocxError)


def test_a_dense_entry_gets_an_answer_that_says_what_to_do() -> None:
    files = [InputFile("bidrag.docx", DOCX, dense_docx(60_000))]
    check = check_entry(files, "", limits=Limits(), ocr=False)
    messages = [f.message for f in check.findings if f.code == "too-demanding"]
    assert messages and "bidrag.docx" in messages[0] and "Spara dokumentet" in messages[0]
