"""Type by content and zip limits: names and content types are never trusted."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot.entries.documents.filetype import Kind, sniff
from bot.entries.documents.safezip import SafeZip, ZipLimits, ZipRejected
from tests.documents.docfactory import DOCS, build_entry, picture


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("docm-macro-enabled.docm", Kind.DOCM),
        ("docx-encrypted-password-tika.docx", Kind.ENCRYPTED),
        ("docx-normal-headings-table-links.docx", Kind.DOCX),
        ("docx-paragraphs-and-nested-tables.docx", Kind.DOCX),
        ("pdf-ordinary-two-pages.pdf", Kind.PDF),
        ("pdf-javascript-action-on-page.pdf", Kind.PDF),
    ],
)
def test_fixture_kinds_are_sniffed_by_content(name: str, kind: Kind) -> None:
    assert sniff((DOCS / name).read_bytes()) is kind


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_pictures_text_and_empty_files_are_recognised() -> None:
    assert sniff(picture(fmt="JPEG")) is Kind.JPEG
    assert sniff(picture(fmt="PNG")) is Kind.PNG
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") is Kind.HEIC
    assert sniff("Presentationstext för Förskolan Solrosen.".encode()) is Kind.TEXT
    assert sniff(b"") is Kind.EMPTY
    assert sniff(b"{\\rtf1\\ansi hej}") is Kind.RTF


def test_odt_and_plain_zip_are_told_apart() -> None:
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert sniff(odt) is Kind.ODT
    assert sniff(_zip({"bilder/a.txt": b"hej"})) is Kind.ZIP


def test_generated_docx_is_docx() -> None:
    assert sniff(build_entry(answer_chars=50)) is Kind.DOCX


def test_truncated_zip_is_broken_not_an_exception() -> None:
    data = build_entry(answer_chars=50)
    assert sniff(data[: len(data) // 2]) is Kind.BROKEN_ZIP


def test_compression_ratio_is_refused_before_reading() -> None:
    bomb = _zip({"word/document.xml": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(ZipRejected) as caught:
        SafeZip(bomb)
    assert caught.value.code == "zip-bomb"
    assert sniff(bomb) is Kind.ZIP_BOMB


def test_entry_count_and_total_size_are_limited() -> None:
    many = _zip({f"f{i}.xml": b"x" for i in range(30)})
    with pytest.raises(ZipRejected, match="30 filer"):
        SafeZip(many, ZipLimits(max_entries=20))
    with pytest.raises(ZipRejected):
        SafeZip(_zip({"a": b"a" * 5000, "b": b"b" * 5000}), ZipLimits(max_total_uncompressed=9000))


def test_path_traversal_names_are_refused() -> None:
    with pytest.raises(ZipRejected) as caught:
        SafeZip(_zip({"../../etc/passwd": b"x"}))
    assert caught.value.code == "corrupt"


def test_declared_size_is_enforced_on_read() -> None:
    archive = SafeZip(_zip({"a.xml": b"<a/>" * 10}))
    assert archive.read("a.xml") == b"<a/>" * 10
