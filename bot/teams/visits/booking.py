"""Booking a visit: store what was read, confirm it, invite the team and the unit.

A new or moved visit raises the row's SEQUENCE and sends everyone a REQUEST with the same
UID; a cancelled one sends a CANCEL. The same booking read twice changes nothing and mails
nobody, because the outbox key carries the visit's sequence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context
from bot.mail import outbox
from bot.mail.render import Envelope, OutgoingAttachment
from bot.teams.mails import DOCUMENTS, unit_view
from bot.teams.visits.calendar import visit_ics
from bot.teams.visits.dates import Reading, Slot
from bot.teams.visits.people import Coordinated, everyone
from bot.teams.visits.store import KIND_SV, KINDS, SITE, Visit
from bot.year.dates import swedish_date
from bot.year.schedule import WEEKDAYS


@dataclass(frozen=True)
class Change:
    """One visit as this booking left it, for the confirmation."""

    visit: Visit
    changed: bool
    warning: str | None


def visits_of(session: Session, unit_id: int) -> dict[str, Visit]:
    rows = session.scalars(select(Visit).where(Visit.unit_id == unit_id))
    return {v.kind: v for v in rows}


def apply(
    session: Session,
    ctx: Context,
    item: Coordinated,
    reading: Reading,
    by: str,
    now: datetime,
) -> list[Change]:
    """Store the reading's bookings and cancellations; queue the invitations they cause."""
    stored = visits_of(session, item.unit.id)
    changes: list[Change] = []
    for kind in KINDS:
        visit = stored.get(kind)
        if kind in reading.visits:
            visit, changed = _book(session, item, visit, kind, reading.visits[kind], by, now)
        elif kind in reading.cancelled and visit is not None and visit.status == "booked":
            visit.status, visit.sequence, visit.updated_at = "cancelled", visit.sequence + 1, now
            changed = True
        else:
            continue
        changes.append(Change(visit, changed, warning(ctx, item, visit)))
        if changed:
            session.flush()
            invite(session, ctx, item, visit, now)
            audit.record(session, f"visit-{visit.status}", now, unit_id=item.unit.id, visit=kind)
    return changes


def _book(
    session: Session,
    item: Coordinated,
    visit: Visit | None,
    kind: str,
    slot: Slot,
    by: str,
    now: datetime,
) -> tuple[Visit, bool]:
    start = f"{slot.start:%H:%M}" if slot.start else None
    end = f"{slot.end:%H:%M}" if slot.end else None
    if visit is None:
        visit = Visit(unit_id=item.unit.id, kind=kind, sequence=0, booked_by=by)
        session.add(visit)
    elif (visit.day, visit.start, visit.end, visit.status) == (slot.day, start, end, "booked"):
        return visit, False
    else:
        visit.sequence += 1
    visit.day, visit.start, visit.end, visit.status = slot.day, start, end, "booked"
    visit.booked_by, visit.updated_at = by, now
    return visit, True


def warning(ctx: Context, item: Coordinated, visit: Visit) -> str | None:
    """A visit outside what the instructions say; booked anyway, the coordinator told."""
    schedule = ctx.schedule(item.team.year)
    times, ceremony = schedule.visit_times(), schedule.deadline("ceremony").day
    if visit.status != "booked":
        return None
    if visit.kind == SITE and not times.window_start <= visit.day <= times.window_end:
        return (
            f"Platsbesöken görs {swedish_date(times.window_start)}–"
            f"{swedish_date(times.window_end)}; kontrollera datumet."
        )
    if visit.kind != SITE and visit.day <= ceremony:
        return (
            "Återföringsbesöket görs efter utdelningsceremonin "
            f"{swedish_date(ceremony)}; kontrollera datumet."
        )
    return None


def when(visit: Visit) -> str:
    """ "torsdag 14 oktober 2027 kl. 09.00–12.00", as people read it."""
    text = f"{WEEKDAYS[visit.day.weekday()]} {swedish_date(visit.day)}"
    if visit.start:
        text += f" kl. {visit.start.replace(':', '.')}"
        if visit.end:
            text += f"–{visit.end.replace(':', '.')}"
    else:
        text += " (tid inte bestämd)"
    return text


def visit_view(visit: Visit) -> dict[str, Any]:
    return {
        "kind": visit.kind,
        "label": KIND_SV[visit.kind],
        "when": when(visit),
        "timed": visit.start is not None,
        "cancelled": visit.status == "cancelled",
        "day": visit.day,
    }


def invite(session: Session, ctx: Context, item: Coordinated, visit: Visit, now: datetime) -> None:
    """One mail per person of the team and the unit, the visit's .ics attached."""
    unit, people = item.unit, everyone(session, item)
    domain = ctx.settings.bot_address.split("@", 1)[1]
    ics = visit_ics(
        visit,
        year=item.team.year,
        reference=unit.reference,
        unit_name=unit.unit_name or unit.reference,
        organizer=ctx.settings.bot_address,
        attendees=people,
        documents=list(DOCUMENTS),
        now=now,
        domain=domain,
    )
    name = f"{KIND_SV[visit.kind]}-{unit.reference}.ics"
    attachment = OutgoingAttachment(name, "text/calendar", ics)
    context = {
        "year": item.team.year,
        "unit": unit_view(unit),
        "visit": visit_view(visit),
        "team_number": item.team.number,
        "coordinator": {"name": item.coordinator.name, "email": item.coordinator.email},
        "documents": list(DOCUMENTS),
        "update": visit.sequence > 0,
    }
    for address, person in people:
        envelope = Envelope(
            to=address, to_name=person, reference=unit.reference, attachments=(attachment,)
        )
        message = ctx.message(
            "visit-invitation", envelope, {**context, "recipient": {"name": person}}, now
        )
        key = f"visit-invitation:{visit.id}:{visit.sequence}:{visit.status}:{address}"
        outbox.queue(
            session, message, kind="visit-invitation", dedupe_key=key, now=now, unit_id=unit.id
        )


def booked_day(visit: Visit | None) -> date | None:
    return visit.day if visit is not None and visit.status == "booked" else None
