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
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime

from bot.mail.addresses import (
    _addresses,
    _first_message_id,
    _message_ids,
    _unique,
    strict_address,
)
from bot.mail.autoreply import (
    child_parts,
    clean_text,
    content_type,
    detect_automatic,
    header_value,
    permanent_bounce_recipients,
    walk_own_parts,
)
from bot.mail.body import (
    _disposition,
    _filename,
    _is_body_leaf,
    _payload_bytes,
    _safe_body_text,
)

# File systems allow 255 bytes; the rest leaves room for a "-12" that makes a name unique.
MAX_FILENAME_BYTES = 240

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
    # The From address only when the header is exactly one address without any parse
    # defect: the only sender a decision that trusts the sender may use.
    from_strict: str | None = None
    # Exchange's X-MS-Exchange-Organization-AuthAs headers, topmost first (see bot.staff).
    exchange_auth_as: str = ""


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
        from_strict=strict_address(msg, "From"),
        exchange_auth_as=_raw_headers(msg, "X-MS-Exchange-Organization-AuthAs"),
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
    override), leading dots and spaces; caps the length at MAX_FILENAME_BYTES of UTF-8
    (file systems count bytes, and "å" is two) but keeps the extension. An empty result
    becomes "bilaga-N.<ext>".
    """
    name = unicodedata.normalize("NFC", clean_text(name))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(". ").strip()
    if not name:
        return f"bilaga-{index}.{_extension(ctype)}"
    if len(name.encode("utf-8")) <= MAX_FILENAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and 0 < len(ext) <= 10:
        return _cut(stem, MAX_FILENAME_BYTES - len(ext.encode("utf-8")) - 1) + "." + ext
    return _cut(name, MAX_FILENAME_BYTES)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, never inside a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _extension(ctype: str) -> str:
    known = _EXTENSIONS.get(ctype) or (_MIMETYPES.guess_extension(ctype) or ".bin")
    return known.lstrip(".")
