"""The plain text of a short attached document (.docx or PDF), for reading sign-up forms.

A sign-up form is a page with a table of labels; an entry is many pages. This gives the
text of a Word document (a table row on one line, its cells joined by tabs) or a text
PDF, or "" for anything else or anything unreadable.
"""

from __future__ import annotations

from bot.entries.documents.docx import form_text
from bot.entries.documents.filetype import Kind, sniff
from bot.entries.documents.model import InputFile
from bot.entries.documents.pdf import extract_pdf_text_safely


def document_text(file: InputFile, *, layout: bool = False) -> str:
    """The document's text; "" when it is neither a readable .docx nor a text PDF. With
    ``layout``, a PDF's text as laid out on the page, and "" for any other document."""
    kind = sniff(file.data)
    try:
        if kind == Kind.DOCX and not layout:
            return form_text(file.data)
        if kind == Kind.PDF:
            result = extract_pdf_text_safely(file.data, timeout=10.0, layout=layout)
            return result.text if result.ok else ""
    except Exception:  # a broken document is the entry check's business, not ours
        return ""
    return ""
