"""The staff digest: what happened since the last one, what waits, and who owes what.

A daily digest goes out at the schedule's ``digest_time`` only when something happened
since the last digest; on the schedule's weekly day it goes out even when quiet, as a
weekly summary. Each day is claimed once (``digest:<date>``), sent or quiet, so a double
fire or a restart never sends two. The registry rides along as an .xlsx attachment.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.entries.owed import active_units, open_change_request, owed
from bot.mail.render import OutgoingAttachment
from bot.models import Claim, Entry, Event, Flag, InboundMessage, Minutes, Unit
from bot.outreach.reminders import Due
from bot.records.labels import ENTRY_STATUS, UNIT_STATUS, label
from bot.records.status import waiting_for_staff
from bot.records.xlsx import XLSX_TYPE, registry_filename, registry_xlsx
from bot.teams.visits.progress import progress
from bot.year.schedule import Schedule

# A digest missed while the bot was down goes out on start within this time of the digest
# hour; later than that it would reach the staff mid-day as stale news, and the next
# digest covers everything since the last one anyway.
CATCH_UP = timedelta(hours=2)
EPOCH = datetime(2000, 1, 1, tzinfo=STOCKHOLM)


def last_digest_at(session: Session) -> datetime | None:
    query = select(func.max(Claim.claimed_at)).where(Claim.kind == "digest")
    return session.scalar(query)


def build(session: Session, schedule: Schedule, now: datetime, *, weekly: bool) -> dict[str, Any]:
    """The digest's template context, from the database at ``now``."""
    since = last_digest_at(session)
    start = since or EPOCH
    year = schedule.year
    context: dict[str, Any] = {
        "year": year,
        "now": now,
        "since": since,
        "weekly": weekly,
        "signups": _signups(session, year, start),
        "entries": _entries(session, year, start),
        "minutes": _minutes(session, year, start),
        "withdrawals": _withdrawals(session, year, start),
        "flags": _flags(session, year, start),
        "waiting": _waiting(session),
        "new_waiting": _new_waiting(session, start),
        "change_requests": _change_requests(session, year, now),
    }
    context.update(_deadline_part(session, schedule, now))
    context["visits"] = [asdict(row) for row in progress(session, schedule, now)]
    context.update(_counts(session, year))
    return context


def is_quiet(context: dict[str, Any]) -> bool:
    """True when nothing happened since the last digest."""
    news = ("signups", "entries", "minutes", "withdrawals", "flags")
    return not any(context[key] for key in news) and not context["new_waiting"]


def _unit_line(unit: Unit) -> dict[str, Any]:
    return {
        "reference": unit.reference,
        "unit_name": unit.unit_name or "(namn saknas)",
        "organisation": unit.organisation or "",
        "signup_status": label(UNIT_STATUS, unit.signup_status),
    }


def _signups(session: Session, year: int, start: datetime) -> list[dict[str, Any]]:
    query = select(Unit).where(Unit.year == year, Unit.created_at > start)
    return [_unit_line(u) for u in session.scalars(query.order_by(Unit.reference))]


def _entries(session: Session, year: int, start: datetime) -> list[dict[str, Any]]:
    query = (
        select(Entry, Unit)
        .join(Unit, Entry.unit_id == Unit.id)
        .where(Unit.year == year, Entry.received_at > start)
        .order_by(Entry.received_at)
    )
    return [
        {
            **_unit_line(u),
            "version": e.version,
            "status": label(ENTRY_STATUS, e.status),
            "late": e.late,
        }
        for e, u in session.execute(query).all()
    ]


def _minutes(session: Session, year: int, start: datetime) -> list[dict[str, Any]]:
    query = (
        select(Minutes, Unit)
        .join(Unit, Minutes.unit_id == Unit.id)
        .where(Unit.year == year, Minutes.received_at > start)
    )
    return [{**_unit_line(u), "late": m.late} for m, u in session.execute(query).all()]


def _withdrawals(session: Session, year: int, start: datetime) -> list[dict[str, Any]]:
    query = (
        select(Unit)
        .join(Event, Event.unit_id == Unit.id)
        .where(Event.kind == "withdrawal", Event.at > start, Unit.year == year)
    )
    return [_unit_line(u) for u in session.scalars(query).unique()]


def _flags(session: Session, year: int, start: datetime) -> list[dict[str, Any]]:
    query = (
        select(Flag, Unit)
        .join(Unit, Flag.unit_id == Unit.id)
        .where(Unit.year == year, Flag.created_at > start)
        .order_by(Unit.reference, Flag.code)
    )
    return [
        {**_unit_line(u), "code": f.code, "reason": f.reason}
        for f, u in session.execute(query).all()
    ]


def _waiting_query() -> Any:
    return select(InboundMessage).where(InboundMessage.status.in_(("staff", "quarantine")))


def _waiting(session: Session) -> list[dict[str, Any]]:
    """Every mail waiting for the staff: sender, subject and reason; never its content."""
    return [
        {
            "id": w.row_id,
            "received_at": w.received_at,
            "sender": w.sender,
            "subject": w.subject,
            "where": w.where,
            "reason": w.reason,
        }
        for w in waiting_for_staff(session)
    ]


def _new_waiting(session: Session, start: datetime) -> int:
    query = select(func.count()).where(
        InboundMessage.status.in_(("staff", "quarantine")), InboundMessage.received_at > start
    )
    return session.scalar(query) or 0


def _change_requests(session: Session, year: int, now: datetime) -> list[dict[str, Any]]:
    result = []
    for unit in active_units(session, year):
        entry = open_change_request(session, unit)
        if entry is not None and entry.change_due is not None:
            # change_due is the first late instant; people read "senast 10 maj kl. 24.00".
            last_day = (entry.change_due - timedelta(microseconds=1)).astimezone(STOCKHOLM)
            overdue = entry.change_due <= now
            line = {**_unit_line(unit), "due_day": last_day.date(), "overdue": overdue}
            result.append(line)
    return result


def _deadline_part(session: Session, schedule: Schedule, now: datetime) -> dict[str, Any]:
    deadline = schedule.next_deadline(now)
    if deadline is None:
        return {"next_deadline": None, "owing": []}
    owing = [
        {**_unit_line(unit), "missing": missing}
        for unit, missing in owed(session, schedule.year, deadline.key)
    ]
    return {"next_deadline": {"label": deadline.label, "day": deadline.day}, "owing": owing}


def _counts(session: Session, year: int) -> dict[str, Any]:
    units = active_units(session, year)
    by_class = Counter(u.competition_class or "Ej angiven" for u in units)
    by_org = Counter(u.organisation or "Ej angiven" for u in units)
    statuses = Counter(
        u.signup_status for u in session.scalars(select(Unit).where(Unit.year == year))
    )
    return {
        "by_class": sorted(by_class.items()),
        "by_organisation": sorted(by_org.items()),
        "totals": {
            "registered": statuses.get("registered", 0),
            "incomplete": statuses.get("incomplete", 0),
            "withdrawn": statuses.get("withdrawn", 0),
        },
    }


# --- due now -----------------------------------------------------------------------------


def digest_day(schedule: Schedule, now: datetime) -> date | None:
    """Today's date if today's digest hour has passed (within the catch-up time)."""
    local = now.astimezone(STOCKHOLM)
    at = datetime.combine(local.date(), schedule.digest_time, STOCKHOLM)
    return local.date() if at <= now < at + CATCH_UP else None


def due(session: Session, schedule: Schedule, staff: tuple[str, ...], now: datetime) -> list[Due]:
    """Claim today's digest and return one mail per staff address, or none on a quiet day."""
    day = digest_day(schedule, now)
    if day is None or not staff:
        return []
    key = f"digest:{day.isoformat()}"
    if session.scalar(select(Claim.id).where(Claim.key == key)) is not None:
        return []
    weekly = day.weekday() == schedule.weekly_digest_weekday
    context = build(session, schedule, now, weekly=weekly)
    quiet = is_quiet(context) and not weekly
    session.add(Claim(key=key, kind="digest-quiet" if quiet else "digest", claimed_at=now))
    session.flush()
    if quiet:
        return []
    return mails(session, schedule, context, staff, key)


def mails(
    session: Session,
    schedule: Schedule,
    context: dict[str, Any],
    staff: tuple[str, ...],
    key: str,
) -> list[Due]:
    """The digest for each staff address, the registry attached."""
    name = registry_filename(schedule.year, context["now"])
    attachment = OutgoingAttachment(name, XLSX_TYPE, registry_xlsx(session, schedule.year))
    return [Due(f"{key}:to:{to}", "digest", to, context, attachments=(attachment,)) for to in staff]
