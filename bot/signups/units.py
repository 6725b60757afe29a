"""Finding and keeping units: references, addresses, threads and flags."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Flag, InboundMessage, OutboxMail, ReferenceCounter, Unit, UnitAddress

REFERENCE_RE = re.compile(r"\b([A-Z]{1,5})-(\d{4})-(\d{3,4})\b")


def new_reference(session: Session, prefix: str, year: int) -> str:
    """The next free reference of the year, e.g. KU-2027-014."""
    counter = session.get(ReferenceCounter, year, with_for_update=True)
    if counter is None:
        counter = ReferenceCounter(year=year, last=0)
        session.add(counter)
    counter.last += 1
    session.flush()
    return f"{prefix}-{year}-{counter.last:03d}"


def references_in(text: str, prefix: str) -> list[str]:
    return [m.group(0) for m in REFERENCE_RE.finditer(text) if m.group(1) == prefix]


def by_reference(session: Session, reference: str) -> Unit | None:
    return session.scalar(select(Unit).where(Unit.reference == reference))


def by_thread(session: Session, message_ids: Iterable[str]) -> Unit | None:
    """The unit whose bot mail (or earlier inbound mail) this message answers."""
    ids = [mid for mid in message_ids if mid]
    if not ids:
        return None
    outbound = session.scalars(
        select(OutboxMail.unit_id)
        .where(OutboxMail.message_id.in_(ids))
        .order_by(OutboxMail.id.desc())
    ).first()
    if outbound is None:
        outbound = session.scalars(
            select(InboundMessage.unit_id)
            .where(InboundMessage.message_id.in_(ids), InboundMessage.unit_id.is_not(None))
            .order_by(InboundMessage.id.desc())
        ).first()
    return session.get(Unit, outbound) if outbound is not None else None


def by_address(session: Session, address: str, year: int) -> list[Unit]:
    query = (
        select(Unit)
        .join(UnitAddress)
        .where(UnitAddress.address == address.lower(), Unit.year == year)
        .order_by(Unit.id)
    )
    return list(session.scalars(query).unique())


def is_registered_address(unit: Unit, address: str | None) -> bool:
    return address is not None and address.lower() in {a.address for a in unit.addresses}


def add_address(unit: Unit, address: str | None) -> None:
    if address and not is_registered_address(unit, address):
        unit.addresses.append(UnitAddress(address=address.lower()))


def add_flag(unit: Unit, code: str, reason: str, now: datetime) -> bool:
    """Flag ``unit`` for the staff; return False when it already had this flag."""
    if any(flag.code == code for flag in unit.flags):
        return False
    unit.flags.append(Flag(code=code, reason=reason, created_at=now))
    return True


def flag_codes(unit: Unit) -> list[str]:
    return sorted(flag.code for flag in unit.flags)
