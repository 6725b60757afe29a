"""A document as blocks (title, headings, paragraphs, a table), laid out as Word and as PDF.

Both layouts take the same blocks, so the Word document and its PDF carry the same text.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import Literal

import docx

from bot.demo.pdf import PAGE_HEIGHT, PAGE_WIDTH, Font, TextRun, write_pdf

Kind = Literal["title", "h1", "h2", "h3", "p", "table"]


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()


# -- Word -------------------------------------------------------------------------------


def docx_document(blocks: list[Block], title: str, author: str) -> bytes:
    """The blocks as a Word document (.docx), built with python-docx."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    for block in blocks:
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

_MARGIN = 56
# (font, size, space before) per block kind.
_STYLE: dict[Kind, tuple[Font, int, int]] = {
    "title": ("bold", 16, 0),
    "h1": ("bold", 13, 14),
    "h2": ("bold", 11, 10),
    "h3": ("bold", 10, 8),
    "p": ("regular", 10, 4),
    "table": ("regular", 10, 4),
}


def text_pdf(blocks: list[Block], title: str) -> bytes:
    """The blocks as a text PDF on A4 pages, as Word's "Spara som PDF" would lay them out."""
    pages: list[list[TextRun]] = [[]]
    y: float = PAGE_HEIGHT - _MARGIN
    for block in blocks:
        font, size, before = _STYLE[block.kind]
        leading = size * 1.35
        lines = _lines(block)
        y -= before
        # A block starts on a new page unless its first two lines fit, so a heading is
        # never left alone at the bottom of a page.
        if y - leading * min(len(lines), 2) < _MARGIN:
            pages.append([])
            y = PAGE_HEIGHT - _MARGIN
        run: list[str] = []  # the block's lines on the current page
        first_y = y
        for line in lines:
            if y - leading < _MARGIN:
                pages[-1].append(TextRun(tuple(run), _MARGIN, first_y, size, leading, font))
                pages.append([])
                y = PAGE_HEIGHT - _MARGIN
                run = []
            y -= leading
            if not run:
                first_y = y
            run.append(line)
        pages[-1].append(TextRun(tuple(run), _MARGIN, first_y, size, leading, font))
    return write_pdf(pages, title)


def _lines(block: Block) -> list[str]:
    font, size, _ = _STYLE[block.kind]
    # Helvetica averages about half an em per character; bold a little more.
    per_char = size * (0.56 if font == "bold" else 0.5)
    width = int((PAGE_WIDTH - 2 * _MARGIN) / per_char)
    if block.kind == "table":
        return [line for term, meaning in block.rows for line in _wrap(f"{term}: {meaning}", width)]
    return _wrap(block.text, width)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
