"""The autumn's scheduled mail: coordinators who lag behind, and the reports' delivery.

Like ``bot.outreach.reminders`` these are pure questions over the database at ``now``;
the scheduler claims each answer before it queues it. A coordinator is reminded when a
unit of theirs has no booked site visit from the booking deadline on, when a visit is
less than the set working days away without a time, and when a report is missing at the
schedule's offsets before the report deadline. Held reports go out the morning after the
ceremony, to the unit's people with a copy to the team.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.context import Context
from bot.mail.render import OutgoingAttachment
from bot.mail.storage import read_bytes
from bot.models import Examiner, StoredFile, Unit
from bot.outreach.reminders import Due
from bot.teams.mails import CONTENT_TYPES, unit_view
from bot.teams.visits.booking import visits_of, when
from bot.teams.visits.people import assessed, team_members, unit_people
from bot.teams.visits.progress import team_units
from bot.teams.visits.report import delivered, release_at, report_of
from bot.teams.visits.store import SITE, Visit, VisitReport
from bot.year.schedule import Schedule, ScheduleError
from bot.year.workdays import add_workdays, is_workday, workdays_before


def visit_due(session: Session, ctx: Context, schedule: Schedule, now: datetime) -> Iterator[Due]:
    for year in _autumn_schedules(ctx, schedule):
        yield from _booking_reminders(session, year, now)
        yield from _time_reminders(session, year, now)
        yield from _report_reminders(session, year, now)
    yield from report_deliveries(session, ctx, now)


def _autumn_schedules(ctx: Context, schedule: Schedule) -> list[Schedule]:
    """The year in force, and the year before: after the ceremony the next award year is
    in force as soon as its file exists, while last year's feedback visits and reports
    are still under way."""
    try:
        return [schedule, ctx.schedule(schedule.year - 1)]
    except ScheduleError:
        return [schedule]


def _at(day: date, at: time, forward: bool) -> datetime:
    if not is_workday(day):
        day = add_workdays(day, 1) if forward else workdays_before(day, 1)
    return datetime.combine(day, at, tzinfo=STOCKHOLM)


def _latest(moments: list[tuple[int, datetime]], now: datetime) -> int | None:
    passed = [(at, offset) for offset, at in moments if at <= now]
    return max(passed)[1] if passed else None


def _coordinator_mail(
    schedule: Schedule, reason: str, key: str, coordinator: Examiner, units: list[dict[str, Any]]
) -> Due:
    times = schedule.visit_times()
    context = {
        "year": schedule.year,
        "reason": reason,
        "name": coordinator.name,
        "units": units,
        "window_start": times.window_start,
        "window_end": times.window_end,
        "report_deadline": times.report_deadline,
    }
    return Due(key, "visit-reminder", coordinator.email, context, to_name=coordinator.name)


def _line(unit: Unit, visit: Visit | None = None) -> dict[str, Any]:
    return {**unit_view(unit), "when": when(visit) if visit else ""}


def _booking_reminders(session: Session, schedule: Schedule, now: datetime) -> Iterator[Due]:
    times = schedule.visit_times()
    moments = [
        (d, _at(times.booking_deadline + timedelta(days=d), schedule.reminder_time, True))
        for d in times.booking_reminder_days
    ]
    offset = _latest(moments, now)
    if offset is None or now.astimezone(STOCKHOLM).date() > times.window_end:
        return
    for _, coordinator, units in team_units(session, schedule.year):
        lacking = [u for u in units if _booked(visits_of(session, u.id).get(SITE)) is None]
        if lacking:
            key = f"visit-reminder:{schedule.year}:booking-{offset}:coordinator:{coordinator.id}"
            yield _coordinator_mail(
                schedule, "booking", key, coordinator, [_line(u) for u in lacking]
            )


def _booked(visit: Visit | None) -> Visit | None:
    return visit if visit is not None and visit.status == "booked" else None


def _time_reminders(session: Session, schedule: Schedule, now: datetime) -> Iterator[Due]:
    workdays = schedule.visit_times().time_workdays
    for _, coordinator, units in team_units(session, schedule.year):
        for unit in units:
            for visit in visits_of(session, unit.id).values():
                if visit.status != "booked" or visit.start is not None:
                    continue
                remind = _at(workdays_before(visit.day, workdays), schedule.reminder_time, False)
                if remind <= now < datetime.combine(visit.day, time(0), tzinfo=STOCKHOLM):
                    key = f"visit-reminder:time:{visit.id}:{visit.day.isoformat()}"
                    yield _coordinator_mail(
                        schedule, "time", key, coordinator, [_line(unit, visit)]
                    )


def _report_reminders(session: Session, schedule: Schedule, now: datetime) -> Iterator[Due]:
    times = schedule.visit_times()
    due = datetime.combine(times.report_deadline + timedelta(days=1), time(0), tzinfo=STOCKHOLM)
    moments = [
        (d, _at(times.report_deadline - timedelta(days=d), schedule.reminder_time, False))
        for d in times.report_reminder_days
    ]
    offset = _latest(moments, now)
    if offset is None or now >= due:
        return
    for _, coordinator, units in team_units(session, schedule.year):
        lacking = [u for u in units if report_of(session, u.id) is None]
        if lacking:
            key = f"visit-reminder:{schedule.year}:report-{offset}:coordinator:{coordinator.id}"
            yield _coordinator_mail(
                schedule, "report", key, coordinator, [_line(u) for u in lacking]
            )


def report_deliveries(session: Session, ctx: Context, now: datetime) -> Iterator[Due]:
    """Every received report whose release moment has passed and that is not yet out."""
    for report in session.scalars(select(VisitReport).order_by(VisitReport.id)):
        unit = session.get_one(Unit, report.unit_id)
        item = assessed(session, unit)
        if item is None or now < release_at(ctx.schedule(unit.year)) or delivered(session, report):
            continue
        stored = session.get_one(StoredFile, report.file_id)
        data = read_bytes(ctx.settings.data_dir, stored)
        attachment = OutgoingAttachment(report.filename, CONTENT_TYPES[report.kind], data)
        context = {
            "year": unit.year,
            "unit": unit_view(unit),
            "filename": report.filename,
            "team_number": item.team.number,
            "coordinator": {"name": item.coordinator.name, "email": item.coordinator.email},
        }
        people = [(a, n, False) for a, n in unit_people(unit)]
        people += [(m.email.lower(), m.name, True) for m in team_members(session, item.team)]
        for address, name, copy in people:
            yield Due(
                f"report-delivery:{report.id}:{address}",
                "report-delivery",
                address,
                {**context, "copy": copy, "recipient": {"name": name}},
                unit.id,
                unit.reference,
                name,
                (attachment,),
            )
