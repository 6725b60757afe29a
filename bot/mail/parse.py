"""Turn raw inbound MIME into a plain, immutable ParsedMail.

Everything the workflow needs from a mail (addresses, decoded subject, the human text,
the attachments, whether a robot sent it) is read here once, so that the rest of the bot
works on plain data. Inbound mail is untrusted and often broken, so parse_mail never
raises: a header or part that cannot be read gives an empty value instead.
"""

from __future__ import annotations

import email
import email.policy
import mimetypes
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from bot.mail.autoreply import (
    MAX_DEPTH,
    child_parts,
    clean_text,
    content_type,
    decode_raw_header,
    detect_automatic,
    header_value,
    header_values,
    permanent_bounce_recipients,
    walk_own_parts,
)

MAX_FILENAME = 200

# The machine-readable blocks of a report are not documents anyone sent us.
_REPORT_BLOCKS = frozenset(
    {"message/delivery-status", "message/disposition-notification", "message/feedback-report"}
)
# Built-in tables only: the system's mime.types differs between machines.
_MIMETYPES = mimetypes.MimeTypes()
_EXTENSIONS = {
    "application/ms-tnef": "dat",
    "application/vnd.ms-tnef": "dat",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "image/jpg": "jpg",
}
_MSGID = re.compile(r"<([^<>\s]+)>")
_ADDR_SPEC = re.compile(r"[^\s<>\"'(),;:@\[\]]+@[^\s<>\"'(),;:@\[\]]+\.[^\s<>\"'(),;:@\[\]]+")


@dataclass(frozen=True)
class Attachment:
    filename: str  # decoded and made safe, see safe_filename()
    content_type: str  # declared type, lowercased, e.g. "application/pdf"
    data: bytes  # decoded payload
    inline: bool  # Content-Disposition inline; an inline picture is still an attachment


@dataclass(frozen=True)
class ParsedMail:
    """One inbound mail as plain data.

    Addresses are lowercased addr-specs, message ids have no angle brackets, `text` is the
    sender's own text (plain preferred, else HTML made plain; never that of an attached
    mail), and `automatic` is None for human mail, else a reason code from
    bot.mail.autoreply.detect_automatic. `authentication_results` holds every such header,
    topmost first, one per line: only the topmost was added by our own server.
    """

    message_id: str | None
    from_addr: str | None
    from_name: str
    reply_to: str | None
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    date: datetime | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    text: str
    attachments: tuple[Attachment, ...]
    automatic: str | None
    authentication_results: str
    # For a bounce: the recipients that failed permanently (5.x.x), to stop mailing them.
    bounced_recipients: tuple[str, ...] = ()


def parse_mail(raw: bytes) -> ParsedMail:
    """Parse raw MIME bytes; never raises, whatever the input."""
    msg = _message_from_bytes(raw)
    sender = _addresses(msg, "From")
    reply_to = _addresses(msg, "Reply-To")
    return ParsedMail(
        message_id=_first_message_id(header_value(msg, "Message-ID")),
        from_addr=sender[0][1] if sender else None,
        from_name=sender[0][0] if sender else "",
        reply_to=reply_to[0][1] if reply_to else None,
        to=_unique(addr for _, addr in _addresses(msg, "To")),
        cc=_unique(addr for _, addr in _addresses(msg, "Cc")),
        subject=" ".join(header_value(msg, "Subject").split()),
        date=_parse_date(_raw_headers(msg, "Date").partition("\n")[0]),
        in_reply_to=_message_ids(msg, "In-Reply-To"),
        references=_message_ids(msg, "References"),
        text=_safe_body_text(msg),
        attachments=_attachments(msg),
        automatic=(automatic := detect_automatic(msg)),
        authentication_results=_raw_headers(msg, "Authentication-Results"),
        bounced_recipients=_bounced(msg) if automatic == "bounce" else (),
    )


def _bounced(msg: Message) -> tuple[str, ...]:
    try:
        return tuple(permanent_bounce_recipients(msg))
    except Exception:  # A malformed report must not stop the mail from being filed.
        return ()


def header_text(raw: bytes, name: str) -> str:
    """The decoded first `name` header of raw MIME, "" if missing; reads headers only."""
    try:
        headers = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    except Exception:
        return ""
    return header_value(headers, name)


def _message_from_bytes(raw: bytes) -> Message:
    try:
        return email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # includes RecursionError on absurdly nested input
        return EmailMessage()


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lowercased addr-spec) of every address in the `name` headers.

    Entries without an '@' (group names, "undisclosed-recipients", garbage) are dropped.
    """
    found = _valid_addresses(_structured_addresses(msg, name))
    return found or _valid_addresses(_fallback_addresses(header_values(msg, name)))


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "C"


def _valid_addresses(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    result = []
    for display, addr in pairs:
        addr = clean_text(addr).strip().lower()
        # Control characters make an address no one can be answered at (and a header
        # the mail library refuses to write): such an address is no address.
        if "@" in addr and not any(ch.isspace() or ch in '<>"' or _is_control(ch) for ch in addr):
            display = "".join(ch for ch in clean_text(display) if not _is_control(ch))
            result.append((" ".join(display.split()), addr))
    return result


def _structured_addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """Addresses as policy.default parsed them, [] when that parse fails."""
    try:
        found: list[tuple[str, str]] = []
        for header in msg.get_all(name, []):
            addresses: tuple[Address, ...] = getattr(header, "addresses", ())
            found.extend((a.display_name, a.addr_spec) for a in addresses)
        return found
    except Exception:
        return []


def _fallback_addresses(values: list[str]) -> list[tuple[str, str]]:
    """Addresses from a header policy.default could not parse (an unbalanced quote, say).

    getaddresses often gives up on such values too, so as a last resort we pick out
    anything that looks like an addr-spec: a reply to a slightly broken header beats none.
    """
    return _valid_addresses(getaddresses(values)) or [
        ("", a) for a in _ADDR_SPEC.findall(" ".join(values))
    ]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """The items in first-seen order, without repeats."""
    return tuple(dict.fromkeys(items))


def _message_ids(msg: Message, name: str) -> tuple[str, ...]:
    """Message ids from In-Reply-To / References, without angle brackets."""
    return _unique(_split_message_ids(" ".join(header_values(msg, name))))


def _first_message_id(value: str) -> str | None:
    ids = _split_message_ids(value)
    return ids[0] if ids else None


def _split_message_ids(value: str) -> list[str]:
    """Bracketed ids, or, for clients that leave out the brackets, bare tokens with '@'."""
    ids = _MSGID.findall(value)
    if ids:
        return ids
    return [t.strip("<>") for t in re.split(r"[\s,]+", value) if "@" in t]


def _parse_date(value: str) -> datetime | None:
    """An aware datetime; a date in "-0000" (unknown zone, RFC 5322 3.3) is taken as UTC.

    Takes the raw header: policy.default's own parse loses the offset behind a comment.
    """
    # Comments such as "(EDT)" before the offset make parsedate drop the offset.
    value = re.sub(r"\([^()]*\)", " ", value).strip()
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except Exception:  # ValueError, TypeError, OverflowError on out-of-range fields
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _raw_headers(msg: Message, name: str) -> str:
    """All `name` headers as sent, unfolded, one per line, topmost first."""
    wanted = name.lower()
    values = [v for k, v in msg.raw_items() if k.lower() == wanted]
    return "\n".join(clean_text(re.sub(r"\r?\n", "", str(v))).strip() for v in values)


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
    """The text/plain alternative; else the first other one that yields text."""
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
        text = html_to_text(text)
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


def _attachments(msg: Message) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for part in walk_own_parts(msg):
        if _is_attachment(part):
            found.append(_attachment(part, len(found) + 1))
    return tuple(found)


def _is_attachment(part: Message) -> bool:
    """Every leaf with a filename or a non-text type, except body parts and report blocks."""
    ctype = content_type(part)
    if ctype == "message/rfc822":
        return True
    if part.is_multipart() or ctype in _REPORT_BLOCKS or _is_body_leaf(part):
        return False
    return (
        bool(_filename(part))
        or not ctype.startswith("text/")
        or (_disposition(part) == "attachment")
    )


def _attachment(part: Message, index: int) -> Attachment:
    ctype = content_type(part)
    if ctype == "message/rfc822":
        data, name = _attached_message(part)
    else:
        data, name = _payload_bytes(part), _filename(part)
    return Attachment(
        filename=safe_filename(name, ctype, index),
        content_type=ctype,
        data=data,
        inline=_disposition(part) == "inline",
    )


def _attached_message(part: Message) -> tuple[bytes, str]:
    """An attached mail as .eml bytes, named by its filename or else its subject."""
    inner = child_parts(part)
    if not inner:
        return _payload_bytes(part), _filename(part)
    name = _filename(part) or header_value(inner[0], "Subject")
    if name and not name.lower().endswith(".eml"):
        name += ".eml"
    try:
        # "none" keeps the headers as they were sent instead of refolding them.
        data = inner[0].as_bytes(policy=email.policy.default.clone(refold_source="none"))
    except Exception:
        data = b""
    return data, name


def safe_filename(name: str, ctype: str, index: int) -> str:
    """A filename that is safe to show and to use as a basename.

    Keeps the last path component only, drops control and format characters (NUL, RTL
    override), leading dots and spaces; caps the length at MAX_FILENAME but keeps the
    extension. An empty result becomes "bilaga-N.<ext>".
    """
    name = unicodedata.normalize("NFC", clean_text(name))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(". ").strip()
    if not name:
        return f"bilaga-{index}.{_extension(ctype)}"
    if len(name) <= MAX_FILENAME:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and 0 < len(ext) <= 10:
        return stem[: MAX_FILENAME - len(ext) - 1] + "." + ext
    return name[:MAX_FILENAME]


def _extension(ctype: str) -> str:
    known = _EXTENSIONS.get(ctype) or (_MIMETYPES.guess_extension(ctype) or ".bin")
    return known.lstrip(".")
