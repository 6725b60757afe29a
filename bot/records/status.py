"""A readable summary of the bot's state for the staff: ``kvalitetsbot status``, the staff's
"status" mail and the digest's list of mail waiting for them.

A mail waiting for the staff is shown with its sender, subject and reason, read from the
stored headers, so the staff know which mail it is without opening the mailbox; its text
is never shown. Times are Europe/Stockholm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import default as default_policy

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.models import InboundMessage, OutboxMail, Unit
from bot.records.labels import (
    INBOUND_STATUS,
    OUTBOX_STATUS,
    UNIT_STATUS,
    WAITING_WHERE,
    counted,
)
from bot.year.dates import swedish_moment

WAITING_HEAD = ("Nr", "Mottaget", "Från", "Ämne", "Mapp", "Anledning")


@dataclass(frozen=True)
class Waiting:
    row_id: int
    received_at: datetime
    status: str
    reason: str
    sender: str
    subject: str

    @property
    def where(self) -> str:
        return WAITING_WHERE.get(self.status, self.status)

    def cells(self) -> tuple[str, ...]:
        """The row as WAITING_HEAD names it, every time in Stockholm."""
        received = swedish_moment(self.received_at)
        return (str(self.row_id), received, self.sender, self.subject, self.where, self.reason)


@dataclass(frozen=True)
class Summary:
    units: dict[str, int]
    inbound: dict[str, int]
    outbox: dict[str, int]
    waiting: list[Waiting]

    def rows(self) -> list[tuple[str, str]]:
        """The counts as a two-column Swedish table."""
        return [
            ("Verksamheter", counted(UNIT_STATUS, self.units)),
            ("Inkomna mejl", counted(INBOUND_STATUS, self.inbound)),
            ("Utkorgen", counted(OUTBOX_STATUS, self.outbox)),
            ("Väntar på er", str(len(self.waiting))),
        ]


def _counts(session: Session, column: object) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()  # type: ignore[call-overload]
    return {str(key): int(count) for key, count in rows}


def headline(raw: bytes) -> tuple[str, str]:
    """(sender, subject) from a stored mail's headers; what cannot be read is left empty."""
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head = raw[: end if end >= 0 else 65536]
    try:
        message = BytesHeaderParser(policy=default_policy).parsebytes(head)
        return str(message.get("From", "") or ""), str(message.get("Subject", "") or "")
    except (ValueError, TypeError, IndexError):
        return "", ""


def waiting_for_staff(session: Session) -> list[Waiting]:
    """Every mail waiting for the staff, oldest first."""
    query = (
        select(InboundMessage)
        .where(InboundMessage.status.in_(("staff", "quarantine")))
        .order_by(InboundMessage.id)
    )
    return [
        Waiting(m.id, m.received_at, m.status, m.reason or "", *headline(m.raw))
        for m in session.scalars(query)
    ]


def summary(session: Session, year: int | None = None) -> Summary:
    unit_query = select(Unit.signup_status, func.count()).group_by(Unit.signup_status)
    if year is not None:
        unit_query = unit_query.where(Unit.year == year)
    units = {status: count for status, count in session.execute(unit_query).all()}
    return Summary(
        units,
        _counts(session, InboundMessage.status),
        _counts(session, OutboxMail.status),
        waiting_for_staff(session),
    )
