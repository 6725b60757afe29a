"""Builders for real test documents: entries, PDFs, pictures, crafted packages.

Entries are built with python-docx as a unit would write them (headings, a
glossary table, Swedish answers to all 22 questions); LibreOffice converts them
where `soffice` is installed. PDFs for the fast tests come from the demo's PDF writer
(bot.demo.pdf), so the suite runs without LibreOffice too.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image, ImageDraw, ImageFont

# docx_text is re-exported: the tests import it from here, and the demo has the one copy.
from bot.demo.documents import docx_text as docx_text
from bot.demo.pdf import TextRun, write_pdf
from bot.entries.documents.questions import AREAS, QUESTIONS

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
DOCS = FIXTURES / "docs"

_SENTENCES = (
    "Vi följer upp brukarnas synpunkter varje månad på arbetsplatsträffen.",
    "Medarbetarna dokumenterar förbättringsförslag i vår gemensamma idétavla.",
    "Chefen går igenom resultaten med varje arbetslag och vi bestämmer åtgärder tillsammans.",
    "Under året har vi infört ett nytt arbetssätt för dialog med vårdnadshavare.",
    "Resultaten från enkäten visar att nöjdheten ökade från 82 till 91 procent.",
    "Vi analyserar utfallet uppdelat på kön och jämför med stadens genomsnitt.",
    "Varje vecka träffas kvalitetsgruppen och prioriterar nästa steg i utvecklingsarbetet.",
)


def swedish_text(chars: int, seed: int = 0) -> str:
    """Realistic Swedish prose with about `chars` characters excluding spaces."""
    out: list[str] = []
    count, index = 0, seed
    while count < chars:
        sentence = _SENTENCES[index % len(_SENTENCES)]
        out.append(sentence)
        count += len("".join(sentence.split()))
        index += 1
    return " ".join(out)


def build_entry(
    *,
    skip: Iterable[str] = (),
    answer_chars: int = 300,
    extra_paragraphs: Iterable[str] = (),
    image: bytes | None = None,
    images: Iterable[bytes] = (),
    heading_style_id: str | None = None,
    numbers_in_headings: bool = True,
) -> bytes:
    """A complete entry as a unit writes it; `skip` leaves out question ids; `image` and
    `images` are pictures at its end, each a paragraph of its own."""
    document = docx.Document()
    if heading_style_id:
        for level in (1, 2, 3):
            style = document.styles[f"Heading {level}"]
            style.element.set(qn("w:styleId"), f"{heading_style_id}{level}")
    skipped = set(skip)
    document.add_heading("Bidrag till Kvalitetsutmärkelsen 2024 – Förskolan Solrosen", 0)
    _admin(document)
    document.add_heading("Ordlista", 1)
    table = document.add_table(rows=2, cols=2)
    for row, (term, meaning) in zip(
        table.rows,
        (("APT", "Arbetsplatsträff"), ("SKA", "Systematiskt kvalitetsarbete")),
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = term, meaning
    document.add_heading("Inledning", 1)
    document.add_paragraph(swedish_text(answer_chars, 3))
    for area in AREAS:
        document.add_heading(area, 1)
        for question in (q for q in QUESTIONS if q.area == area):
            if question.qid in skipped:
                continue
            _question(
                document,
                question.qid,
                question.label,
                question.text,
                answer_chars,
                numbers_in_headings,
            )
    for paragraph in extra_paragraphs:
        document.add_paragraph(paragraph)
    for data in ([image] if image is not None else []) + list(images):
        document.add_picture(io.BytesIO(data), width=Cm(15))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _admin(document: docx.document.Document) -> None:
    document.add_heading("Administrativa uppgifter", 1)
    for line in (
        "Verksamhetens namn: Förskolan Solrosen",
        "Verksamhetens chefs namn: Anna Berg",
        "Telefonnummer till chef: 08-508 000 00",
        "E-postadress till chef: anna.berg@example.se",
        "Postadress och besöksadress: Solrosvägen 1, 123 45 Stockholm",
        "Antal anställda i maj 2024: 18",
    ):
        document.add_paragraph(line)


def _question(
    document: docx.document.Document,
    qid: str,
    label: str,
    text: str,
    answer_chars: int,
    numbered: bool,
) -> None:
    if qid == "16":
        document.add_heading("16.", 2)
        return
    if qid[-1] in "abc" and qid[:-1] in ("16", "20"):
        document.add_paragraph(f"{qid[-1]}. {text}")
        if qid == "20a":
            return  # 20 a-b are answered together, after the sub-questions
    else:
        document.add_heading(f"{label}. {text}" if numbered else text, 2)
    if qid not in ("20", "20a"):
        document.add_paragraph(swedish_text(answer_chars, int(qid.rstrip("abc"))))


def make_pdf(text: str, lines_per_page: int = 45) -> bytes:
    """A valid PDF with `text` (Latin-1) in 9 pt Helvetica, one line per paragraph."""
    lines = [line for line in text.splitlines() if line.strip()] or [""]
    # Paragraphs are not wrapped, so each stays one line of extracted text; with a large
    # `lines_per_page` the lines run on below the page, which the slow-PDF tests rely on.
    pages = [
        [TextRun(tuple(lines[first : first + lines_per_page]), 40, 789, 9, leading=11)]
        for first in range(0, len(lines), lines_per_page)
    ]
    return write_pdf(pages)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's built-in font lacks å, ä and ö; DejaVu comes with LibreOffice and most systems.
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def picture(
    width: int = 1920,
    height: int = 1200,
    fmt: str = "JPEG",
    text: str | None = None,
    exif_orientation: int | None = None,
) -> bytes:
    img = Image.new("RGB", (width, height), (235, 235, 225) if text else (40, 110, 160))
    if text:
        draw = ImageDraw.Draw(img)
        font = _font(max(height // 14, 10))
        for row, line in enumerate(text.splitlines()):
            draw.text((20, 20 + row * height // 10), line, fill="black", font=font)
    out = io.BytesIO()
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        img.save(out, fmt, exif=exif)
    else:
        img.save(out, fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares huge dimensions; Pillow must refuse it before decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def rezip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip, replacing or adding parts (to craft hostile or special packages)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def soffice_convert(tmp: Path, data: bytes, suffix: str, target: str) -> bytes:
    """Convert with LibreOffice in an isolated profile; `target` like 'pdf' or 'docx'."""
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / f"in{suffix}"
    source.write_bytes(data)
    outdir = tmp / "out"
    profile = (tmp / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (outdir / f"in.{target.split(':')[0]}").read_bytes()


requires_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
