"""Realistic documents for ``kvalitetsbot demo``: an entry, its PDF, the picture, minutes.

A unit's entry is written as units write it in Word: a title, the administrative
details, Ordlista, Inledning, then the five question areas with questions 1-22 (16 a-c
and 20 a-b included) as headings, each answered in Swedish. The same blocks are laid
out as a text PDF ("Spara som PDF"), so the Word/PDF comparison finds the same version.
The picture is a drawn 1920x1200 landscape JPEG without text, and the minutes extract
(protokollsutdrag) is a one-page PDF naming the unit.

Only the bot's own dependencies are used (python-docx, Pillow); nothing here needs
LibreOffice or Tesseract, so the demo runs from a fresh clone.
"""

from __future__ import annotations

import io
import textwrap
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Literal

import docx
from PIL import Image, ImageDraw

from bot.demo.answers import ANSWERS
from bot.entries.documents.questions import AREAS, QUESTIONS

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
JPEG_TYPE = "image/jpeg"
YEAR = 2027


@dataclass(frozen=True)
class DemoUnit:
    """What a unit writes about itself in its entry and what its board's minutes say."""

    name: str
    administration: str
    district: str
    board: str  # the nämnd or styrelse that signs the minutes extract
    manager: str
    manager_email: str
    phone: str
    address: str
    employees: int
    children: int
    contact: str
    contact_email: str


TROLLSKOGEN = DemoUnit(
    name="Förskolan Trollskogen",
    administration="Skarpnäcks stadsdelsförvaltning",
    district="Skarpnäck",
    board="Skarpnäcks stadsdelsnämnd",
    manager="Maria Öberg",
    manager_email="maria.oberg@edu.stockholm.se",
    phone="08-508 100 00",
    address="Trollskogsvägen 4, 128 30 Skarpnäck",
    employees=24,
    children=96,
    contact="Anna Berg",
    contact_email="anna.berg@edu.stockholm.se",
)

SOLSTRALEN = DemoUnit(
    name="Förskolan Solstrålen",
    administration="Enskede-Årsta-Vantörs stadsdelsförvaltning",
    district="Enskede-Årsta-Vantör",
    board="Enskede-Årsta-Vantörs stadsdelsnämnd",
    manager="Lars Lind",
    manager_email="lars.lind@edu.stockholm.se",
    phone="08-508 200 00",
    address="Solstigen 12, 122 44 Enskede",
    employees=18,
    children=72,
    contact="Karin Lind",
    contact_email="karin.lind@edu.stockholm.se",
)

Kind = Literal["title", "h1", "h2", "h3", "p", "table"]


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()


GLOSSARY: tuple[tuple[str, str], ...] = (
    ("APT", "Arbetsplatsträff, där alla medarbetare möts en gång i månaden"),
    ("SKA", "Systematiskt kvalitetsarbete"),
    ("ILS-webb", "Stadens system för planering och uppföljning av verksamheten"),
    ("Lpfö 18", "Läroplan för förskolan"),
    ("Vårdnadshavare", "Föräldrar eller andra som har vårdnaden om ett barn"),
)


def _admin(unit: DemoUnit) -> list[Block]:
    return [
        Block("h1", "Administrativa uppgifter"),
        Block("p", f"Verksamhetens namn: {unit.name}"),
        Block("p", f"Förvaltning: {unit.administration}"),
        Block("p", f"Verksamhetens chefs namn: {unit.manager}"),
        Block("p", f"Telefonnummer till chef: {unit.phone}"),
        Block("p", f"E-postadress till chef: {unit.manager_email}"),
        Block("p", f"Postadress och besöksadress: {unit.address}"),
        Block("p", f"Antal anställda i maj {YEAR}: {unit.employees}"),
        Block("p", f"Kontaktperson: {unit.contact}, {unit.contact_email}"),
    ]


def _introduction(unit: DemoUnit) -> str:
    return (
        f"{unit.name} är en kommunal förskola i {unit.district} "
        f"med {unit.children} barn på fyra avdelningar och {unit.employees} medarbetare. "
        "Vi har arbetat med systematiskt kvalitetsarbete i många år, men de senaste två åren "
        "har vi gjort uppföljningen till en del av vardagen på varje avdelning. I bidraget "
        "beskriver vi hur barnen och vårdnadshavarna är delaktiga, hur ledarskapet och "
        "medarbetarskapet bär arbetet och vilka resultat det har gett."
    )


def entry_blocks(unit: DemoUnit) -> list[Block]:
    """The whole entry, in reading order: the same blocks become the .docx and the PDF."""
    blocks = [Block("title", f"Bidrag till Kvalitetsutmärkelsen {YEAR} – {unit.name}")]
    blocks += _admin(unit)
    blocks += [Block("h1", "Ordlista"), Block("table", rows=GLOSSARY)]
    blocks += [Block("h1", "Inledning"), Block("p", _introduction(unit))]
    for area in AREAS:
        blocks.append(Block("h1", area))
        for question in (q for q in QUESTIONS if q.area == area):
            blocks += _question_blocks(question.qid, question.label, question.text)
    return blocks


def _question_blocks(qid: str, label: str, text: str) -> list[Block]:
    if qid == "16":
        return [Block("h2", "16.")]
    if qid in ("16a", "16b", "16c"):
        return [Block("h3", f"{label}. {text}"), Block("p", ANSWERS[qid])]
    if qid in ("20a", "20b"):
        # The instructions list 20 a-b under 20; units answer them together, after them.
        sub = Block("p", f"{label[-1]}. {text}")
        return [sub, Block("p", ANSWERS["20"])] if qid == "20b" else [sub]
    if qid == "20":
        return [Block("h2", f"{label}. {text}")]
    return [Block("h2", f"{label}. {text}"), Block("p", ANSWERS[qid])]


# -- Word -------------------------------------------------------------------------------


@cache
def entry_docx(unit: DemoUnit) -> bytes:
    """The entry as a Word document (.docx), built with python-docx."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = f"Bidrag till Kvalitetsutmärkelsen {YEAR}"
    properties.author = unit.contact
    for block in entry_blocks(unit):
        if block.kind == "title":
            document.add_heading(block.text, 0)
        elif block.kind in ("h1", "h2", "h3"):
            document.add_heading(block.text, int(block.kind[1]))
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=2)
            table.style = "Table Grid"
            for row, (term, meaning) in zip(table.rows, block.rows, strict=True):
                row.cells[0].text, row.cells[1].text = term, meaning
        else:
            document.add_paragraph(block.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """Paragraph and table text of a .docx, for comparisons in tests."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


# -- PDF --------------------------------------------------------------------------------

_PAGE_W, _PAGE_H, _MARGIN = 595, 842, 56
# (font resource, size, space before) per block kind; F1 Helvetica, F2 Helvetica-Bold.
_STYLE: dict[str, tuple[str, int, int]] = {
    "title": ("F2", 16, 0),
    "h1": ("F2", 13, 14),
    "h2": ("F2", 11, 10),
    "h3": ("F2", 10, 8),
    "p": ("F1", 10, 4),
    "table": ("F1", 10, 4),
}


def _lines(block: Block) -> list[str]:
    font, size, _ = _STYLE[block.kind]
    # Helvetica averages about half an em per character; bold a little more.
    per_char = size * (0.56 if font == "F2" else 0.5)
    width = int((_PAGE_W - 2 * _MARGIN) / per_char)
    if block.kind == "table":
        return [line for term, meaning in block.rows for line in _wrap(f"{term}: {meaning}", width)]
    return _wrap(block.text, width)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def text_pdf(blocks: list[Block], title: str) -> bytes:
    """A text PDF (Helvetica, WinAnsi: Latin-1 letters åäö), laid out on A4 pages."""
    pages: list[list[bytes]] = [[]]
    y: float = _PAGE_H - _MARGIN
    for block in blocks:
        font, size, before = _STYLE[block.kind]
        leading = size * 1.35
        lines = _lines(block)
        y -= before
        if y - leading * min(len(lines), 2) < _MARGIN:
            pages.append([])
            y = _PAGE_H - _MARGIN
        for line in lines:
            if y - leading < _MARGIN:
                pages.append([])
                y = _PAGE_H - _MARGIN
            y -= leading
            pages[-1].append(
                b"BT /%s %d Tf %d %.1f Td (%s) Tj ET"
                % (
                    font.encode(),
                    size,
                    _MARGIN,
                    y,
                    _pdf_string(line),
                )
            )
    return _assemble_pdf(pages, title)


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def _assemble_pdf(pages: list[list[bytes]], title: str) -> bytes:
    count = len(pages)
    font_regular, font_bold, info = 3 + 2 * count, 4 + 2 * count, 5 + 2 * count
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    for index, operations in enumerate(pages):
        number = 3 + 2 * index
        content = zlib.compress(b"\n".join(operations))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
            % (_PAGE_W, _PAGE_H, number + 1, font_regular, font_bold)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream"
        )
    for base in (b"Helvetica", b"Helvetica-Bold"):
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % base
        )
    objects.append(b"<< /Title (%s) /Producer (kvalitetsbot demo) >>" % _pdf_string(title))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info,
        xref,
    )
    return bytes(out)


@cache
def entry_pdf(unit: DemoUnit) -> bytes:
    """The entry saved as PDF: the same text as the Word document."""
    return text_pdf(entry_blocks(unit), f"Bidrag till Kvalitetsutmärkelsen {YEAR}")


def minutes_blocks(unit: DemoUnit) -> list[Block]:
    return [
        Block("title", "Protokollsutdrag"),
        Block("p", f"{unit.board}, sammanträde den 3 juni {YEAR}"),
        Block("h2", f"§ 14 Deltagande i Stockholms stads kvalitetsutmärkelse {YEAR}"),
        Block(
            "p",
            f"{unit.name} har anmält sig till och lämnat in ett bidrag till Stockholms stads "
            f"kvalitetsutmärkelse {YEAR}. Förvaltningen föreslår att nämnden ställer sig "
            "bakom deltagandet.",
        ),
        Block("p", "Beslut"),
        Block(
            "p",
            f"Nämnden ställer sig bakom att {unit.name} deltar i Kvalitetsutmärkelsen {YEAR}.",
        ),
        Block("p", f"Justerat den 7 juni {YEAR}. Rätt utdraget intygar: nämndsekreteraren."),
    ]


@cache
def minutes_pdf(unit: DemoUnit) -> bytes:
    """A board-minutes extract (protokollsutdrag) that names the unit."""
    return text_pdf(minutes_blocks(unit), f"Protokollsutdrag {unit.board}")


# -- presentation text and picture -------------------------------------------------------


def presentation_text(unit: DemoUnit) -> str:
    """The presentation text (well under 1 000 characters excluding spaces)."""
    return (
        f"{unit.name} i {unit.district} är en förskola med "
        f"{unit.children} barn och {unit.employees} medarbetare. Hos oss betyder hög kvalitet "
        "att varje barn blir sett, får vara med och bestämma och lär sig med glädje, både inne "
        "och ute. Vårt kvalitetsarbete är en del av vardagen: vi följer upp, analyserar och "
        "förbättrar tillsammans med barnen och vårdnadshavarna, och resultaten syns i "
        "nöjdare familjer och barn som tar plats."
    )


@cache
def picture_jpeg() -> bytes:
    """A drawn landscape scene, 1920x1200 JPEG, with no text on it."""
    width, height, sky = 1920, 1200, (120, 180, 230)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    horizon = 780
    for row in range(horizon):  # a sky that lightens towards the horizon
        mix = row / horizon
        colour = tuple(int(c + (250 - c) * mix * 0.6) for c in sky)
        draw.line([(0, row), (width, row)], fill=colour)
    draw.ellipse((1560, 110, 1760, 310), fill=(255, 214, 90))
    draw.rectangle((0, horizon, width, height), fill=(96, 160, 72))
    draw.polygon([(0, horizon), (520, 600), (1100, horizon)], fill=(80, 140, 70))
    # The preschool building with a red roof and windows.
    draw.rectangle((260, 560, 900, 860), fill=(214, 120, 70))
    draw.polygon([(230, 560), (580, 380), (930, 560)], fill=(150, 40, 40))
    for x in (320, 520, 720):
        draw.rectangle((x, 620, x + 120, 720), fill=(235, 240, 250))
    draw.rectangle((540, 760, 640, 860), fill=(90, 60, 40))
    for x, size in ((1150, 160), (1400, 200), (1700, 150)):  # trees
        draw.rectangle((x - 18, 860 - size // 2, x + 18, 900), fill=(110, 80, 50))
        draw.ellipse((x - size, 860 - 2 * size, x + size, 880 - size // 2), fill=(40, 120, 60))
    for index, x in enumerate(range(980, 1500, 130)):  # children playing
        colour = ((230, 80, 80), (250, 200, 60), (80, 120, 220), (200, 90, 200))[index % 4]
        draw.ellipse((x, 900, x + 50, 950), fill=(245, 205, 170))
        draw.rectangle((x - 5, 950, x + 55, 1050), fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
