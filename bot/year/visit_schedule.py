"""The autumn's dates in a schedule file: the optional ``[visits]`` table.

Every field has a default that follows the instructions (site visits in September and
October, the written report after the ceremony), so a schedule file without the table
still loads. The booking deadline is our own choice: the instructions give none, and a
visit booked before the summer holidays is one the unit can prepare for.

    [visits]
    window_start          first day for site visits (default 1 September)
    window_end            last day for site visits (default 31 October)
    booking_deadline      coordinators without a booked site visit are reminded from
                          this day (default 30 June)
    booking_reminder_days days after booking_deadline on which they are reminded
                          (default [0, 14, 42]), while the window is still open
    report_deadline       the written report is due (default three weeks after the ceremony)
    report_reminder_days  days before report_deadline on which a coordinator without a
                          report is reminded (default [7, 2]); the digest shows the rest
    time_workdays         a visit this many working days away or less without a time gets
                          the coordinator a reminder (default 2)
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, timedelta

FIELDS = {
    "window_start",
    "window_end",
    "booking_deadline",
    "booking_reminder_days",
    "report_deadline",
    "report_reminder_days",
    "time_workdays",
}


class VisitScheduleError(ValueError):
    """A wrong [visits] field; the text names the field and the problem."""


@dataclass(frozen=True)
class VisitTimes:
    window_start: date
    window_end: date
    booking_deadline: date
    booking_reminder_days: tuple[int, ...]
    report_deadline: date
    report_reminder_days: tuple[int, ...]
    time_workdays: int


def defaults(year: int, ceremony: date) -> VisitTimes:
    return VisitTimes(
        window_start=date(year, 9, 1),
        window_end=date(year, 10, 31),
        booking_deadline=date(year, 6, 30),
        booking_reminder_days=(0, 14, 42),
        report_deadline=ceremony + timedelta(days=21),
        report_reminder_days=(7, 2),
        time_workdays=2,
    )


def parse_visits(table: object, year: int, ceremony: date) -> VisitTimes:
    """The [visits] table over the defaults; raise VisitScheduleError on a wrong field."""
    if not isinstance(table, dict):
        raise VisitScheduleError("visits: must be a table")
    for name in table:
        if name not in FIELDS:
            raise VisitScheduleError(
                f"visits.{name}: unknown field (known: {', '.join(sorted(FIELDS))})"
            )
    base = defaults(year, ceremony)
    times = VisitTimes(
        window_start=_day(table, "window_start", base.window_start),
        window_end=_day(table, "window_end", base.window_end),
        booking_deadline=_day(table, "booking_deadline", base.booking_deadline),
        booking_reminder_days=_days(table, "booking_reminder_days", base.booking_reminder_days),
        report_deadline=_day(table, "report_deadline", base.report_deadline),
        report_reminder_days=_days(table, "report_reminder_days", base.report_reminder_days),
        time_workdays=_count(table, "time_workdays", base.time_workdays),
    )
    if times.window_end < times.window_start:
        raise VisitScheduleError("visits.window_end: is before window_start")
    if times.report_deadline <= ceremony:
        raise VisitScheduleError("visits.report_deadline: must be after the ceremony")
    return times


def _day(table: dict[str, object], name: str, default: date) -> date:
    value = table.get(name, default)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value)
    if not isinstance(value, date):
        raise VisitScheduleError(f"visits.{name}: {value!r} is not a date (YYYY-MM-DD)")
    return value


def _days(table: dict[str, object], name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = table.get(name, list(default))
    ok = isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value
    )
    if not ok or not isinstance(value, list):
        raise VisitScheduleError(f"visits.{name}: {value!r} is not a list of days (0 or more)")
    return tuple(sorted(set(value)))


def _count(table: dict[str, object], name: str, default: int) -> int:
    value = table.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise VisitScheduleError(f"visits.{name}: {value!r} is not a whole number of at least 1")
    return value
