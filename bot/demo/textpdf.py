"""A text PDF as "Spara som PDF" writes it: blocks of headings, paragraphs and a glossary
table laid out on A4 pages in Helvetica, for the demo's entries and minutes extracts."""

from __future__ import annotations

import textwrap
import zlib
from dataclasses import dataclass
from typing import Literal

Kind = Literal["title", "h1", "h2", "h3", "p", "table"]


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()


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
