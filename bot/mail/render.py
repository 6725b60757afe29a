"""Rendering outgoing mail: every kind is a template trio under ``templates/``.

``<kind>.subject.txt``, ``<kind>.txt`` and ``<kind>.html`` are rendered with
``StrictUndefined``, so a template that names a missing value fails in the tests rather
than sending a mail with a hole in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.clock import STOCKHOLM
from bot.year.dates import swedish_day, swedish_moment, swedish_number, swedish_weekday

# Receipts answer a unit's mail (RFC 3834 "auto-replied"); everything else the bot starts.
AUTO_REPLIED_KINDS = frozenset(
    {
        "signup-receipt",
        "signup-incomplete",
        "signup-several",
        "withdrawal-receipt",
        "withdrawal-undone",
        "entry-receipt",
        "change-request",
        "minutes-receipt",
        "staff-reply",
        "change-held",
        "change-decided",
    }
)


@dataclass(frozen=True)
class OutgoingAttachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Envelope:
    """Who a mail goes to and where it sits in a thread."""

    to: str
    to_name: str = ""
    in_reply_to: str | None = None
    references: Sequence[str] = ()
    reference: str | None = None
    attachments: Sequence[OutgoingAttachment] = field(default_factory=tuple)


def _format_date(value: datetime) -> str:
    return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d")


def _format_datetime(value: datetime) -> str:
    """7 maj 2027 kl. 08.00, in Stockholm."""
    return swedish_moment(value)


def _format_day(value: date) -> str:
    """A day as Swedes write it in running text: 22 mars."""
    return swedish_day(value)


@cache
def environment(templates_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = _format_date
    env.filters["tid"] = _format_datetime
    env.filters["tal"] = swedish_number
    env.filters["dag"] = _format_day
    env.filters["veckodag"] = swedish_weekday
    return env


def render(templates_dir: Path, kind: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
    """The (subject, text, html) of one mail kind."""
    env = environment(templates_dir)
    subject = env.get_template(f"{kind}.subject.txt").render(context)
    text = env.get_template(f"{kind}.txt").render(context)
    html = env.get_template(f"{kind}.html").render(context)
    return " ".join(subject.split()), text, html


@dataclass(frozen=True)
class Sender:
    address: str
    name: str
    templates_dir: Path


def make_message(
    sender: Sender, kind: str, envelope: Envelope, context: Mapping[str, Any], now: datetime
) -> EmailMessage:
    """A complete RFC 5322 message of ``kind``, ready for the outbox."""
    subject, text, html = render(sender.templates_dir, kind, context)
    msg = EmailMessage()
    msg["From"] = Address(sender.name, addr_spec=sender.address)
    msg["To"] = Address(envelope.to_name, addr_spec=envelope.to)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now.astimezone(STOCKHOLM))
    msg["Message-ID"] = make_msgid("kvalitetsbot", domain=sender.address.split("@", 1)[1])
    _thread_headers(msg, envelope)
    msg["Auto-Submitted"] = "auto-replied" if kind in AUTO_REPLIED_KINDS else "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Kvalitetsbot-Kind"] = kind
    if envelope.reference:
        msg["X-Kvalitetsbot-Reference"] = envelope.reference
    msg["Content-Language"] = "sv"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    for attachment in envelope.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        msg.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return msg


def _thread_headers(msg: EmailMessage, envelope: Envelope) -> None:
    if envelope.in_reply_to:
        msg["In-Reply-To"] = f"<{envelope.in_reply_to}>"
        chain = [*envelope.references, envelope.in_reply_to]
        msg["References"] = " ".join(f"<{ref}>" for ref in dict.fromkeys(chain))
