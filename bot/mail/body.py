"""The readable text of a mail: the plain-text part, or the HTML part turned into text,
walking multipart/alternative and multipart/mixed with a depth limit."""

from __future__ import annotations

import re
from email.message import Message
from html.parser import HTMLParser

from bot.mail.autoreply import (
    MAX_DEPTH,
    child_parts,
    clean_text,
    content_type,
    decode_raw_header,
)
from bot.mail.tables import html_with_tables


def _is_body_leaf(part: Message) -> bool:
    """A text part that is (an alternative of) the message text, not a text file."""
    return (
        content_type(part) in ("text/plain", "text/html")
        and not part.is_multipart()
        and _disposition(part) != "attachment"
        and not _filename(part)
    )


def _safe_body_text(msg: Message) -> str:
    try:
        return _body_text(msg, 0).strip()
    except Exception:  # a broken part must not cost us the headers and attachments
        return ""


def _body_text(part: Message, depth: int) -> str:
    if depth > MAX_DEPTH:
        return ""
    ctype = content_type(part)
    if ctype.startswith("multipart/"):
        children = child_parts(part)
        if ctype == "multipart/alternative":
            return _alternative_text(children, depth)
        return _mixed_text(children, depth)
    return _leaf_text(part) if _is_body_leaf(part) else ""


def _alternative_text(children: list[Message], depth: int) -> str:
    """The text/plain alternative; else the first other one that yields text.

    An HTML alternative that holds a data table wins: the plain part Outlook writes for it
    has lost which value belongs to which label.
    """
    for child in children:
        if content_type(child) == "text/html" and _is_body_leaf(child):
            tables = html_with_tables(_decode_text(child))
            if tables is not None:
                return clean_text(tables)
    ordered = sorted(children, key=lambda child: content_type(child) != "text/plain")
    for child in ordered:
        text = _body_text(child, depth + 1)
        if text.strip():
            return text
    return ""


def _mixed_text(children: list[Message], depth: int) -> str:
    """All text parts in order (Apple Mail splits text around inline pictures).

    When a container holds both a plain and an HTML body part, the HTML one is taken to be
    a copy of the plain one and skipped.
    """
    has_plain = any(content_type(c) == "text/plain" and _is_body_leaf(c) for c in children)
    texts = []
    for child in children:
        if has_plain and content_type(child) == "text/html":
            continue
        text = _body_text(child, depth + 1).strip("\n")
        if text.strip():
            texts.append(text)
    return "\n\n".join(texts)


def _leaf_text(part: Message) -> str:
    text = _decode_text(part).replace("\r\n", "\n").replace("\r", "\n")
    if content_type(part) == "text/html":
        text = html_with_tables(text) or html_to_text(text)
    return clean_text(text)


def _decode_text(part: Message) -> str:
    """Decode with the declared charset; an unknown or wrong one falls back to UTF-8, cp1252."""
    data = _payload_bytes(part)
    try:
        charset = part.get_content_charset() or "us-ascii"
    except Exception:
        charset = "us-ascii"
    for candidate in (charset, "utf-8"):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeError, ValueError):
            continue
    return data.decode("cp1252", "replace")


class _HTMLText(HTMLParser):
    """Collects the visible text of HTML, breaking lines where the blocks end.

    Breaks are kept pending until the next text so that nested and adjacent blocks
    (</li><li>, </div><p>) give one line break or one blank line, never a pile of them.
    """

    LINES = frozenset({"div", "tr", "li", "dt", "dd"})
    PARAGRAPHS = frozenset(
        {"p", "table", "ul", "ol", "dl", "blockquote", "hr", "pre", "h1", "h2", "h3", "h4"}
        | {"h5", "h6"}
    )
    HIDDEN = frozenset({"script", "style", "title", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending = 0  # newlines owed before the next text: 1 line break, 2 blank line
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag == "br":
            self.pending = min(self.pending + 1, 2)
        elif tag in ("td", "th") and not self.pending:
            self.parts.append(" ")
        else:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag != "br":
            self._block(tag)

    def _block(self, tag: str) -> None:
        if tag in self.PARAGRAPHS:
            self.pending = 2
        elif tag in self.LINES:
            self.pending = max(self.pending, 1)

    def handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        text = re.sub(r"\s+", " ", data)  # source line breaks and &nbsp; are spaces in HTML
        if self.pending:
            text = text.lstrip()
            if not text:
                return
            if self.parts:
                self.parts.append("\n" * self.pending)
            self.pending = 0
        self.parts.append(text)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body: tags, scripts and styles gone, entities decoded."""
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # _markupbase raises AssertionError on some broken markup
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _disposition(part: Message) -> str:
    try:
        return part.get_content_disposition() or ""
    except Exception:
        return ""


def _filename(part: Message) -> str:
    """The decoded filename (RFC 2231 with continuations, or an RFC 2047 name=)."""
    try:
        name = part.get_filename() or ""
    except Exception:
        return ""
    if "=?" in name:  # some clients RFC 2047-encode inside the quoted parameter
        name = decode_raw_header(name)
    return clean_text(name)


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return b""
    return data if isinstance(data, bytes) else b""
