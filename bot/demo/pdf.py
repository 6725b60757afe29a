"""The one PDF writer: lines of Helvetica text placed on A4 pages, written as a PDF file.

The demo lays its documents out with it, and the tests build their PDFs with it.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4, in points

Font = Literal["regular", "bold"]
# Every page lists both fonts, so a line may use either without the page knowing in advance.
_RESOURCE: dict[Font, bytes] = {"regular": b"F1", "bold": b"F2"}
_BASE_FONT: dict[Font, bytes] = {"regular": b"Helvetica", "bold": b"Helvetica-Bold"}


@dataclass(frozen=True)
class TextRun:
    """Lines set one under another: the first baseline starts at (x, y), in points from the
    bottom left, and each next one `leading` points lower."""

    lines: tuple[str, ...]
    x: int
    y: float
    size: int
    leading: float
    font: Font = "regular"


def write_pdf(pages: Sequence[Sequence[TextRun]], title: str | None = None) -> bytes:
    """A PDF 1.4 file with one page per item of `pages`; a title adds an /Info dictionary.

    The fonts are the standard Type 1 Helvetica pair in WinAnsi encoding, so the text
    (Latin-1 letters such as åäö included) can be extracted by pypdf and pdftotext.
    """
    count = len(pages)
    # Objects: 1 catalog, 2 page tree, then a page and its content stream per page, then
    # the two fonts and, with a title, the info dictionary.
    first_font = 3 + 2 * count
    font_ids = dict(zip(_RESOURCE, (first_font, first_font + 1), strict=True))
    fonts = b" ".join(b"/%s %d 0 R" % (_RESOURCE[font], font_ids[font]) for font in _RESOURCE)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    for index, runs in enumerate(pages):
        content = zlib.compress(b"\n".join(_show(run) for run in runs))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << %s >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT, 4 + 2 * index, fonts)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream"
        )
    for font in _RESOURCE:
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
            % _BASE_FONT[font]
        )
    info = b""
    if title is not None:
        objects.append(b"<< /Title (%s) /Producer (kvalitetsbot demo) >>" % _string(title))
        info = b" /Info %d 0 R" % len(objects)
    return _file(objects, info)


def _show(run: TextRun) -> bytes:
    # One text object per run, with the line spacing set once (TL) and each next line
    # shown by the "'" operator: pypdf reads this in about half the time that a position
    # per line takes, which keeps the tests' many-line PDFs quick to extract.
    head = b"BT /%s %d Tf %.2f TL %d %.2f Td" % (
        _RESOURCE[run.font],
        run.size,
        run.leading,
        run.x,
        run.y,
    )
    shown = [
        b"(%s) %s" % (_string(line), b"'" if row else b"Tj") for row, line in enumerate(run.lines)
    ]
    return b"\n".join([head, *shown, b"ET"])


def _string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def _file(objects: list[bytes], info: bytes) -> bytes:
    # The comment of four high bytes after the header tells readers the file is binary.
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info,
        xref,
    )
    return bytes(out)
