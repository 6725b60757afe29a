"""The .docx reader: Word's character count, headings, images, macros, templates."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bot.entries.documents.docx import analyse_docx
from bot.entries.documents.ooxml import DocxError
from tests.documents.docfactory import DOCS, build_entry, picture, rezip

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _doc(*paragraphs: str) -> docx.document.Document:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return document


def _bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_count_excludes_every_kind_of_whitespace() -> None:
    document = _doc("Hej  på\tdig", "Åäö\u00a0ÅÄÖ")
    run = document.add_paragraph().add_run("rad ett")
    run.add_break()
    run.add_text("rad två")
    info = analyse_docx(_bytes(document))
    assert info.characters == len("Hejpådig") + len("åäöÅÄÖ") + len("radettradtvå")


def test_tables_and_nested_tables_are_counted_once() -> None:
    document = _doc("Före")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell"
    inner = table.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Inre"
    assert analyse_docx(_bytes(document)).characters == len("FöreCellInre")


def test_nested_tables_fixture_does_not_crash() -> None:
    info = analyse_docx((DOCS / "docx-paragraphs-and-nested-tables.docx").read_bytes())
    assert info.characters > 100
    assert "Lorem ipsum" in info.text


def test_headers_and_footers_are_not_counted() -> None:
    document = _doc("Brödtext")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Sidhuvud med mycket text"
    section.footer.paragraphs[0].text = "Sidfot"
    assert analyse_docx(_bytes(document)).characters == len("Brödtext")


def test_text_box_is_counted_once_despite_fallback_copy() -> None:
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>Textruta</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Textruta</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    data = _bytes(_doc("Ankare"))
    xml = _part(data, "word/document.xml").replace(
        "<w:t>Ankare</w:t></w:r>", "<w:t>Ankare</w:t></w:r>" + box
    )
    info = analyse_docx(rezip(data, {"word/document.xml": xml.encode()}))
    assert info.characters == len("AnkareTextruta")
    assert [p.text for p in info.paragraphs] == ["Ankare", "Textruta"]


def _part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def test_footnotes_are_counted_and_deleted_text_and_field_codes_are_not() -> None:
    data = _bytes(_doc("Brödtext"))
    notes = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
        '<w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
        "<w:t>Fotnot</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    rels = _part(data, "word/_rels/document.xml.rels").replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    body = _part(data, "word/document.xml").replace(
        "<w:t>Brödtext</w:t></w:r>",
        "<w:t>Brödtext</w:t></w:r><w:del><w:r><w:delText>Struket</w:delText></w:r></w:del>"
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
    )
    crafted = rezip(
        data,
        {"word/_rels/document.xml.rels": rels.encode(), "word/document.xml": body.encode()},
        {"word/footnotes.xml": notes.encode()},
    )
    info = analyse_docx(crafted)
    assert info.characters == len("BrödtextFotnot")
    assert info.notes == ("", "Fotnot")


def test_swedish_heading_style_ids_are_headings() -> None:
    info = analyse_docx(build_entry(answer_chars=40, heading_style_id="Rubrik"))
    levels = {p.text: p.heading_level for p in info.paragraphs}
    assert levels["Inledning"] == 1
    assert all(p.style_id != "Heading1" for p in info.paragraphs)


def test_heading_through_based_on_and_outline_level() -> None:
    document = docx.Document()
    custom = document.styles.add_style("Min rubrik", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Ärvd rubrik", style=custom)
    outlined = document.add_paragraph("Dispositionsnivå")
    ppr = outlined._p.get_or_add_pPr()
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    ppr.append(level)
    document.add_paragraph("Brödtext")
    levels = [p.heading_level for p in analyse_docx(_bytes(document)).paragraphs]
    assert levels == [2, 1, None]


def test_embedded_images_are_found() -> None:
    info = analyse_docx(build_entry(answer_chars=40, image=picture(400, 250, "PNG")))
    assert len(info.images) == 1
    assert info.images[0].data.startswith(b"\x89PNG")


def test_macro_document_is_detected() -> None:
    info = analyse_docx((DOCS / "docm-macro-enabled.docm").read_bytes())
    assert info.has_macros


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("docx-attached-remote-template.docx", "word/_rels/document.xml.rels"),
        ("docx-attached-template-settings-rels.docx", "word/_rels/settings.xml.rels"),
    ],
)
def test_attached_templates_are_found_in_any_rels_part(name: str, part: str) -> None:
    refs = analyse_docx((DOCS / name).read_bytes()).external_refs
    assert [(r.part, r.rel_type) for r in refs] == [(part, "attachedTemplate")]


def test_hyperlinks_are_reported_as_hyperlinks_only() -> None:
    refs = analyse_docx((DOCS / "docx-normal-headings-table-links.docx").read_bytes())
    assert {r.rel_type for r in refs.external_refs} == {"hyperlink"}


def test_billion_laughs_is_refused_as_unsafe_xml() -> None:
    data = _bytes(_doc("x"))
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )
    with pytest.raises(DocxError) as caught:
        analyse_docx(rezip(data, {"word/document.xml": evil}))
    assert caught.value.code == "corrupt"
    assert "otillåten XML" in caught.value.detail


def test_missing_main_part_is_corrupt() -> None:
    data = _bytes(_doc("x"))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
    with pytest.raises(DocxError, match="huvuddelen"):
        analyse_docx(out.getvalue())


def test_app_xml_count_is_read_as_cross_check() -> None:
    info = analyse_docx((DOCS / "docx-normal-headings-table-links.docx").read_bytes())
    assert (info.app_characters, info.app_characters_with_spaces) == (699, 820)
