"""A readable summary of the bot's state for the staff: ``kvalitetsbot status``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.models import InboundMessage, OutboxMail, Unit


@dataclass(frozen=True)
class Waiting:
    row_id: int
    received_at: datetime
    status: str
    reason: str


@dataclass(frozen=True)
class Summary:
    units: dict[str, int]
    inbound: dict[str, int]
    outbox: dict[str, int]
    waiting: list[Waiting]


def _counts(session: Session, column: object) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()  # type: ignore[call-overload]
    return {str(key): int(count) for key, count in rows}


def summary(session: Session, year: int | None = None) -> Summary:
    unit_query = select(Unit.signup_status, func.count()).group_by(Unit.signup_status)
    if year is not None:
        unit_query = unit_query.where(Unit.year == year)
    units = {status: count for status, count in session.execute(unit_query).all()}
    waiting_query = (
        select(InboundMessage)
        .where(InboundMessage.status.in_(("staff", "quarantine")))
        .order_by(InboundMessage.id)
    )
    waiting = [
        Waiting(m.id, m.received_at, m.status, m.reason or "")
        for m in session.scalars(waiting_query)
    ]
    return Summary(
        units, _counts(session, InboundMessage.status), _counts(session, OutboxMail.status), waiting
    )
