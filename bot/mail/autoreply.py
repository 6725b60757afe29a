"""Spot mail that must never be answered: auto-replies, bounces, receipts and list mail.

RFC 3834 asks responders to stay quiet on Auto-Submitted, Precedence, list and null-sender
mail, but real auto-replies often carry none of those (Exchange out-of-office has no
Auto-Submitted, iCloud vacation replies only `X-Apple-Action`), so we also read the
vendor headers and, as a last resort, the subject. Everything here is pure and never
raises on malformed headers, because it runs on every inbound mail before anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses

# Deep MIME nesting is a cheap attack; nothing legitimate nests this far.
MAX_DEPTH = 40

_REPORT_PARTS = {
    "message/delivery-status": "bounce",
    "message/global-delivery-status": "bounce",
    "message/disposition-notification": "read-receipt",
    "message/global-disposition-notification": "read-receipt",
}

# Subjects that are auto-replies on their own. Each phrase must open the subject and be
# followed by a colon or end it, so "Re: Automatic reply: x" (a human answering an
# auto-reply) and "Frånvaro på mötet" (a human telling us about an absence) stay human.
_OOO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|autosvar|automatiskt svar|out of (the )?office"
    r"( autoreply)?|abwesenheitsnotiz|automatische antwort|réponse automatique"
    r"|autorespons(e)?|frånvaromeddelande|poissaolo|fraværsmelding)\s*(:|$)",
    re.IGNORECASE,
)
# A looser test, used only when Exchange's auto-reply headers are present as well.
_OOO_SUBJECT_LOOSE = re.compile(
    r"^\s*(frånvaro|abwesend|absence|out of office|vacation|semester|ledig)"
    r"|^\s*(automatic|auto|automatisk|automatiskt|automatische)[- ]?(reply|svar|antwort)",
    re.IGNORECASE,
)
# Non-delivery reports in the languages the city's correspondents' servers speak.
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable|undelivered mail|delivery status notification \(failure\)"
    r"|delivery notification: delivery has failed|delivery failure|mail delivery failed"
    r"|mail delivery failure|returned mail|failure notice|message not delivered"
    r"|non remis|non distribuable|unzustellbar|nicht zustellbar|onbestelbaar"
    r"|olevererbart|ej levererbart|ej levererat|det gick inte att leverera"
    r"|kan ikke leveres|ikke levert|ikke leveret|no se puede entregar|non recapitabile"
    r"|ei voitu toimittaa)\b",
    re.IGNORECASE,
)
_DAEMON_LOCALPARTS = frozenset({"mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster"})
_EXCHANGE_OOO_HEADERS = (
    "X-MS-Exchange-Inbox-Rules-Loop",
    "X-MS-Exchange-Generated-Message-Source",
    "X-Auto-Response-Suppress",
)
_LIST_HEADERS = ("List-Id", "List-Post", "List-Unsubscribe", "Mailing-List", "X-Mailing-List")
_STATUS_5XX = re.compile(r"^\s*5\.\d{1,3}\.\d{1,3}")


def clean_text(value: str) -> str:
    """Turn parser output into text that a database accepts.

    The parser keeps undecodable bytes as lone surrogates; we read those bytes as UTF-8
    when they are valid UTF-8 (raw 8-bit headers), else as Windows-1252. NUL goes because
    PostgreSQL text columns reject it.
    """
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        data = value.encode("utf-8", "surrogateescape")
        try:
            value = data.decode("utf-8")
        except UnicodeDecodeError:
            value = data.decode("cp1252", "replace")
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


def decode_raw_header(value: str) -> str:
    """Decode a raw header value the compat32 way (RFC 2047 words, any charset)."""
    value = clean_text(value)
    try:
        return str(make_header(decode_header(value)))
    except Exception:  # unknown charsets and broken encoded words: keep the raw text
        return value


def header_values(msg: Message, name: str) -> list[str]:
    """All values of header `name`, decoded, never raising.

    policy.default parses headers lazily and raises on some malformed ones, so on any
    error we fall back to decoding the raw values ourselves.
    """
    try:
        return [clean_text(str(v)) for v in msg.get_all(name, [])]
    except Exception:
        wanted = name.lower()
        return [decode_raw_header(v) for k, v in msg.raw_items() if k.lower() == wanted]


def header_value(msg: Message, name: str) -> str:
    """The first value of header `name`, stripped, or "" when missing."""
    values = header_values(msg, name)
    return values[0].strip() if values else ""


def has_header(msg: Message, name: str) -> bool:
    """Whether header `name` is present at all; some markers are sent with empty values."""
    try:
        return name in msg
    except Exception:
        return False


def content_type(part: Message) -> str:
    """The part's lowercased MIME type, "text/plain" when the header cannot be read."""
    try:
        return part.get_content_type()
    except Exception:
        return "text/plain"


def child_parts(part: Message) -> list[Message]:
    """The sub-parts of a multipart, or [] for a leaf or an unreadable payload."""
    try:
        payload = part.get_payload()
    except Exception:
        return []
    if not part.is_multipart() or not isinstance(payload, list):
        return []
    return [p for p in payload if isinstance(p, Message)]


def walk_own_parts(msg: Message, depth: int = 0) -> Iterator[Message]:
    """Walk the message's own MIME tree, depth first, including `msg` itself.

    Unlike Message.walk() this does not descend into attached messages (message/rfc822)
    or into report blocks: a forwarded bounce is not a bounce, and an attached mail's text
    is not the sender's text.
    """
    yield msg
    if depth >= MAX_DEPTH or content_type(msg).startswith("message/"):
        return
    for child in child_parts(msg):
        yield from walk_own_parts(child, depth + 1)


def detect_automatic(msg: Message) -> str | None:
    """Reason code if this mail must never be answered (RFC 3834 and practice), else None.

    The checks run from the most specific to the most general, so that a bounce relayed
    by a mailing list reports 'bounce', not 'list'.
    """
    checks: tuple[Callable[[Message], str | None], ...] = (
        _report_kind,
        _auto_submitted,
        _vacation,
        _exchange_ooo,
        _precedence,
        _mailing_list,
        _null_sender,
        _mailer_daemon,
        _subject_kind,
    )
    for check in checks:
        try:
            reason = check(msg)
        except Exception:  # a malformed header must not make a robot's mail look human
            reason = None
        if reason:
            return reason
    return None


def _report_kind(msg: Message) -> str | None:
    """'bounce' or 'read-receipt' from the MIME structure (RFC 3464, RFC 8098)."""
    if has_header(msg, "X-MS-Exchange-Message-Is-Ndr"):
        return "bounce"  # Exchange marks its NDRs with this header, often with no value
    for part in walk_own_parts(msg):
        kind = _REPORT_PARTS.get(content_type(part))
        if kind:
            return kind
    if content_type(msg) != "multipart/report":
        return None
    report_type = str(msg.get_param("report-type") or "").strip().lower()
    if report_type in ("disposition-notification", "global-disposition-notification"):
        return "read-receipt"
    # Every multipart/report is machine made (RFC 6522); the rare other kinds are
    # abuse and TLS reports.
    return "bounce" if report_type in ("", "delivery-status") else "report"


def _auto_submitted(msg: Message) -> str | None:
    """RFC 3834 Auto-Submitted: anything but 'no' is automatic."""
    value = header_value(msg, "Auto-Submitted").split(";")[0].strip().lower()
    return "auto-submitted" if value and value != "no" else None


def _vacation(msg: Message) -> str | None:
    """Vendor vacation markers that come without any RFC 3834 header."""
    if header_value(msg, "X-Apple-Action").lower() == "vacation":
        return "vacation"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Autoreply-From"):
        if header_value(msg, name).lower() not in ("", "no", "false"):
            return "vacation"
    if header_value(msg, "X-Autogenerated").lower() == "reply":
        return "vacation"
    mailer = (header_value(msg, "X-Mailer") + " " + header_value(msg, "User-Agent")).lower()
    if "autorespond" in mailer or "vacation" in mailer:
        return "vacation"
    if "autoresponder" in header_value(msg, "X-POST-MessageClass").lower():
        return "vacation"
    return None


def _exchange_ooo(msg: Message) -> str | None:
    """Exchange out-of-office: its auto-reply headers plus an auto-reply-ish subject.

    Neither alone is enough: Outlook and other senders set X-Auto-Response-Suppress on
    some human mail, inbox-rule forwards of human mail carry the rules-loop header, and
    human Exchange mail carries many (empty) X-MS-* headers.
    """
    if not any(header_value(msg, name) for name in _EXCHANGE_OOO_HEADERS):
        return None
    subject = header_value(msg, "Subject")
    if _OOO_SUBJECT.search(subject) or _OOO_SUBJECT_LOOSE.search(subject):
        return "ooo-exchange"
    return None


def _precedence(msg: Message) -> str | None:
    value = header_value(msg, "Precedence").lower()
    return "precedence" if value in ("bulk", "junk", "list", "auto_reply") else None


def _mailing_list(msg: Message) -> str | None:
    if any(has_header(msg, name) for name in _LIST_HEADERS):
        return "list"
    local = _local_part(header_value(msg, "From"))
    if local.startswith("owner-") or local.endswith(("-request", "-owner", "-bounces")):
        return "list"
    return None


def _null_sender(msg: Message) -> str | None:
    """Return-Path <> is how MTAs mark notifications (RFC 5321 4.5.5)."""
    values = header_values(msg, "Return-Path")
    if values and "".join(values[0].split()) == "<>":
        return "null-sender"
    return None


def _mailer_daemon(msg: Message) -> str | None:
    for name in ("From", "Return-Path", "Sender"):
        if _local_part(header_value(msg, name)) in _DAEMON_LOCALPARTS:
            return "mailer-daemon"
    return None


def _subject_kind(msg: Message) -> str | None:
    """Last resort: the subject alone, anchored at its start."""
    subject = header_value(msg, "Subject")
    if _OOO_SUBJECT.search(subject):
        return "ooo-subject"
    if _BOUNCE_SUBJECT.search(subject):
        return "bounce"
    return None


def _local_part(value: str) -> str:
    """The lowercased local part of the first address in `value`, "" if none."""
    pairs = getaddresses([value])
    address = pairs[0][1] if pairs else ""
    return address.rpartition("@")[0].lower() if "@" in address else address.lower()


def permanent_bounce_recipients(msg: Message) -> list[str]:
    """For a DSN/NDR: the recipients whose Status is 5.x.x, lowercased, deduplicated.

    Both Original-Recipient (the address we wrote to) and Final-Recipient (after alias
    expansion) are returned when they differ. Empty for anything that is not a report of
    our own: a forwarded bounce inside message/rfc822 is not looked at.
    """
    found: list[str] = []
    for part in walk_own_parts(msg):
        if content_type(part) not in ("message/delivery-status", "message/global-delivery-status"):
            continue
        for block in _status_blocks(part):
            for address in _failed_addresses(block):
                if address not in found:
                    found.append(address)
    return found


def _status_blocks(part: Message) -> list[Message]:
    """The per-recipient field blocks; the parser splits delivery-status into messages."""
    try:
        payload = part.get_payload()
    except Exception:
        return []
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


def _failed_addresses(block: Message) -> list[str]:
    if not _STATUS_5XX.match(header_value(block, "Status")):
        return []
    addresses = []
    for name in ("Original-Recipient", "Final-Recipient"):
        value = header_value(block, name)
        address = value.rpartition(";")[2].strip().strip("<>").strip().lower()
        if "@" in address:
            addresses.append(address)
    return addresses
