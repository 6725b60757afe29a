"""Realistic documents for ``kvalitetsbot demo``: an entry, its PDF, the picture, minutes.

A unit's entry is written as units write it in Word: a title, the administrative
details, Ordlista, Inledning, then the five question areas with questions 1-22 (16 a-c
and 20 a-b included) as headings, each answered in Swedish. The same blocks are laid
out as a text PDF ("Spara som PDF"), so the Word/PDF comparison finds the same version.
The picture is a drawn 1920x1200 landscape JPEG without text, and the minutes extract
(protokollsutdrag) is a one-page PDF naming the unit.

This module says what the documents hold; the answers' prose is in ``answers``, the
Word and PDF layouts in ``layout``, the PDF writer in ``pdf`` and the picture in
``picture``. Only the bot's own dependencies are used (python-docx, Pillow); nothing
here needs LibreOffice or Tesseract, so the demo runs from a fresh clone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.demo.answers import ANSWERS, GLOSSARY
from bot.demo.layout import Block, docx_document, docx_text, text_pdf
from bot.demo.picture import picture_jpeg
from bot.entries.documents.questions import AREAS, QUESTIONS

# The names other code imports from here, including those now defined next door.
__all__ = [
    "ANSWERS",
    "DOCX_TYPE",
    "GLOSSARY",
    "JPEG_TYPE",
    "PDF_TYPE",
    "SOLSTRALEN",
    "TROLLSKOGEN",
    "YEAR",
    "Block",
    "DemoUnit",
    "docx_text",
    "entry_blocks",
    "entry_docx",
    "entry_pdf",
    "minutes_blocks",
    "minutes_pdf",
    "picture_jpeg",
    "presentation_text",
    "text_pdf",
]

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


@cache
def entry_docx(unit: DemoUnit) -> bytes:
    """The entry as a Word document (.docx), built with python-docx."""
    title = f"Bidrag till Kvalitetsutmärkelsen {YEAR}"
    return docx_document(entry_blocks(unit), title, author=unit.contact)


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


# -- presentation text ------------------------------------------------------------------


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
