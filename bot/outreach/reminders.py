"""The reminders, links and invitations that are due now (who owes what: ``bot.entries.owed``).

Everything here is a pure question over the database at ``now``: the scheduler
(``bot.outreach.scheduler``) claims each answer before it queues a mail, in the same transaction,
so what is computed here is also what is checked at send time. A withdrawn unit never
owes anything and is never reminded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.entries.owed import active_units, entry_missing, open_change_request, owed, owed_by
from bot.mail.render import OutgoingAttachment
from bot.models import Entry, MeetingAttendee, OutreachAddress, Unit
from bot.signups.signup import unit_view
from bot.year.ics import deadline_ics, meeting_ics
from bot.year.schedule import Deadline, Meeting, Occasion, Schedule
from bot.year.workdays import workdays_before

REMINDER_KINDS = {
    "signup": "reminder-signup",
    "entry": "reminder-entry",
    "minutes": "reminder-minutes",
}


@dataclass(frozen=True)
class Due:
    """One mail that is due now: claimed under ``key``, then queued."""

    key: str
    kind: str
    to: str
    context: dict[str, Any]
    unit_id: int | None = None
    reference: str | None = None
    to_name: str = ""
    attachments: tuple[OutgoingAttachment, ...] = field(default_factory=tuple)
    # Keys of reminders folded into this one (one reminder a unit a day): claimed with it.
    also_claims: tuple[str, ...] = ()


# --- what is due now ----------------------------------------------------------------------


def due_now(session: Session, schedule: Schedule, now: datetime) -> Iterator[Due]:
    """Every reminder, link and invitation that should be out by ``now``, claimed or not."""
    for occasion in current_occasions(schedule, now):
        yield from _deadline_reminders(session, schedule, occasion, now)
    yield from _change_request_reminders(session, schedule, now)
    for meeting in schedule.meetings_of("info"):
        yield from _meeting_links(session, schedule, meeting, now)
    for meeting in schedule.meetings_of("workshop"):
        yield from _workshop_invitations(session, schedule, meeting, now)


def current_occasions(schedule: Schedule, now: datetime) -> list[Occasion]:
    """Per deadline, the latest reminder moment passed, while the deadline is still ahead.

    A reminder missed while the bot was down is therefore sent on start if the deadline
    has not passed, and only once even if several reminder moments were missed.
    """
    latest: dict[str, Occasion] = {}
    for occasion in schedule.reminder_occasions():
        if occasion.at <= now < occasion.deadline.due and occasion.deadline_key in REMINDER_KINDS:
            latest[occasion.deadline_key] = occasion
    return list(latest.values())


def _deadline_context(schedule: Schedule, deadline: Deadline) -> dict[str, Any]:
    return {
        "year": schedule.year,
        "deadline_label": deadline.label,
        "deadline_day": deadline.day,
        "deadline_due": deadline.due,
    }


def _ics(name: str, data: bytes) -> OutgoingAttachment:
    return OutgoingAttachment(name, "text/calendar", data)


def _deadline_reminders(
    session: Session, schedule: Schedule, occasion: Occasion, now: datetime
) -> Iterator[Due]:
    deadline = occasion.deadline
    kind = REMINDER_KINDS[deadline.key]
    ics = (_ics(f"{deadline.key}-{schedule.year}.ics", deadline_ics(deadline, now=now)),)
    base = _deadline_context(schedule, deadline)
    prefix = f"{kind}:{schedule.year}:{occasion.key}"
    for unit, missing in owed(session, schedule.year, deadline.key):
        address = unit.contact_email or _first_address(unit)
        # A reminder is for those who owed something when it was due: a unit that signed
        # up after the reminder moment has just had its receipt saying what is missing.
        if address and unit.created_at <= occasion.at:
            context = {
                **base,
                "unit": unit_view(unit),
                "missing": missing,
                "name": unit.contact_name or "",
            }
            yield Due(
                f"{prefix}:unit:{unit.id}",
                kind,
                address,
                context,
                unit.id,
                unit.reference,
                unit.contact_name or "",
                ics,
            )
    if deadline.key == "signup":
        yield from _outreach(session, schedule, prefix, base, ics)


def _first_address(unit: Unit) -> str | None:
    return unit.addresses[0].address if unit.addresses else None


def _outreach(
    session: Session,
    schedule: Schedule,
    prefix: str,
    base: dict[str, Any],
    ics: tuple[OutgoingAttachment, ...],
) -> Iterator[Due]:
    """Outreach addresses that have not signed up (any unit of the year uses them)."""
    known = _unit_addresses(session, schedule.year)
    query = select(OutreachAddress).where(OutreachAddress.year == schedule.year)
    for row in session.scalars(query.order_by(OutreachAddress.id)):
        if row.email.lower() not in known:
            context = {**base, "unit": None, "missing": [], "name": row.name}
            key = f"{prefix}:outreach:{row.email.lower()}"
            yield Due(key, "reminder-signup", row.email, context, to_name=row.name, attachments=ics)


def _unit_addresses(session: Session, year: int) -> set[str]:
    addresses: set[str] = set()
    for unit in session.scalars(select(Unit).where(Unit.year == year)):
        addresses.update(a.address.lower() for a in unit.addresses)
        if unit.contact_email:
            addresses.add(unit.contact_email.lower())
    return addresses


# The order in which a unit's reminders of one day are folded into one mail: the most
# pressing first, its template says it all; the others' items are added to its list.
_REMINDER_ORDER = ("reminder-change-request", "reminder-minutes", "reminder-entry",
                   "reminder-signup")  # fmt: skip


def one_per_unit(items: list[Due]) -> list[Due]:
    """At most one reminder mail per unit: a unit's reminders due at once become one mail.

    The kept mail is the most pressing kind; it lists everything the others listed, and
    their claim keys are claimed with it, so they are not sent later the same day.
    """
    by_unit: dict[int, list[Due]] = {}
    for item in items:
        if item.unit_id is not None and item.kind in _REMINDER_ORDER:
            by_unit.setdefault(item.unit_id, []).append(item)
    result: list[Due] = []
    for item in items:
        group = by_unit.get(item.unit_id) if item.unit_id is not None else None
        if group is None or item.kind not in _REMINDER_ORDER:
            result.append(item)
            continue
        first = min(group, key=lambda due: _REMINDER_ORDER.index(due.kind))
        if item is first:
            result.append(_fold(first, [due for due in group if due is not first]))
    return result


def _fold(kept: Due, others: list[Due]) -> Due:
    if not others:
        return kept
    missing = [label for due in (kept, *others) for label in due.context.get("missing", [])]
    context = {**kept.context, "missing": list(dict.fromkeys(missing))}
    keys = tuple(key for due in others for key in (due.key, *due.also_claims))
    return replace(kept, context=context, also_claims=(*kept.also_claims, *keys))


def change_reminder_at(schedule: Schedule, change_due: datetime) -> datetime:
    """The working day before a change request's last day, at the reminder hour."""
    last_day = (change_due - timedelta(microseconds=1)).astimezone(STOCKHOLM).date()
    return datetime.combine(workdays_before(last_day, 1), schedule.reminder_time, STOCKHOLM)


def _change_request_reminders(session: Session, schedule: Schedule, now: datetime) -> Iterator[Due]:
    for unit in active_units(session, schedule.year):
        entry = open_change_request(session, unit)
        if entry is None or entry.change_due is None or not unit.contact_email:
            continue
        at = change_reminder_at(schedule, entry.change_due)
        # A change request issued after that moment is fresh news; no reminder on top.
        if entry.received_at < at <= now < entry.change_due:
            yield change_request_reminder(session, schedule, unit, entry)


def change_request_reminder(session: Session, schedule: Schedule, unit: Unit, entry: Entry) -> Due:
    assert entry.change_due is not None and unit.contact_email
    context = {
        "year": schedule.year,
        "unit": unit_view(unit),
        "name": unit.contact_name or "",
        "missing": entry_missing(session, unit),
        "change_due": entry.change_due,
        "last_day": (entry.change_due - timedelta(microseconds=1)).astimezone(STOCKHOLM).date(),
    }
    return Due(
        f"reminder-change-request:entry:{entry.id}",
        "reminder-change-request",
        unit.contact_email,
        context,
        unit.id,
        unit.reference,
        unit.contact_name or "",
    )


def _meeting_context(schedule: Schedule, meeting: Meeting) -> dict[str, Any]:
    return {
        "year": schedule.year,
        "meeting": {
            "label": meeting.label,
            "start": meeting.start,
            "end": meeting.end,
            "link": meeting.link,
            "day": meeting.start.date(),
            "start_time": meeting.start.strftime("%H.%M"),
            "end_time": meeting.end.strftime("%H.%M"),
        },
    }


def _meeting_links(
    session: Session, schedule: Schedule, meeting: Meeting, now: datetime
) -> Iterator[Due]:
    if not schedule.meeting_link_send_at(meeting) <= now < meeting.start:
        return
    ics = (_ics(f"{meeting.key}.ics", meeting_ics(meeting, now=now)),)
    query = select(MeetingAttendee).where(
        MeetingAttendee.year == schedule.year, MeetingAttendee.meeting_key == meeting.key
    )
    for person in session.scalars(query.order_by(MeetingAttendee.id)):
        context = {**_meeting_context(schedule, meeting), "name": person.name}
        key = f"info-meeting-link:{schedule.year}:{meeting.key}:{person.email.lower()}"
        yield Due(
            key, "info-meeting-link", person.email, context, to_name=person.name, attachments=ics
        )


def _workshop_invitations(
    session: Session, schedule: Schedule, meeting: Meeting, now: datetime
) -> Iterator[Due]:
    # Invitations leave with the same lead time as info-meeting links, to registered units.
    if not schedule.meeting_link_send_at(meeting) <= now < meeting.start:
        return
    ics = (_ics(f"{meeting.key}.ics", meeting_ics(meeting, now=now)),)
    for unit in active_units(session, schedule.year):
        if unit.signup_status != "registered" or not unit.contact_email:
            continue
        context = {**_meeting_context(schedule, meeting), "unit": unit_view(unit)}
        yield Due(
            f"workshop-invitation:{schedule.year}:{meeting.key}:unit:{unit.id}",
            "workshop-invitation",
            unit.contact_email,
            context,
            unit.id,
            unit.reference,
            unit.contact_name or "",
            ics,
        )


def manual_reminder(session: Session, schedule: Schedule, unit: Unit, now: datetime) -> Due | None:
    """The reminder a unit would get for what it owes first, sent on a staff command.

    The key is left empty; the caller names the occasion (the staff mail that asked).
    """
    if unit.signup_status == "withdrawn":
        return None
    entry = open_change_request(session, unit)
    if entry and entry.change_due and unit.contact_email and now < entry.change_due:
        return change_request_reminder(session, schedule, unit, entry)
    for key in ("signup", "entry", "minutes"):
        missing = owed_by(session, unit, key)
        deadline = schedule.deadline(key)
        if missing and unit.contact_email and now < deadline.due:
            occasion = Occasion(f"{key}-manual", key, now, deadline)
            return next(
                (
                    d
                    for d in _deadline_reminders(session, schedule, occasion, now)
                    if d.unit_id == unit.id
                ),
                None,
            )
    return None
