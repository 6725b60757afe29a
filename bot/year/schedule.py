"""The award year's calendar: load ``schedules/<year>.toml`` into frozen, typed values.

The file format is documented at the top of each shipped schedule file. Loading validates
everything up front, so a mistake stops the bot at start with one sentence naming the
file, the field and what is wrong, instead of a reminder silently never going out in May.

All moments are aware datetimes in Europe/Stockholm. They are always built by combining a
local date with a local time (never by adding hours to a moment), which keeps them right
across the daylight-saving changes in March and October.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bot.clock import STOCKHOLM
from bot.year.visit_schedule import VisitTimes
from bot.year.visit_schedule import defaults as visit_defaults
from bot.year.workdays import add_workdays, is_workday, workdays_before

# In the order they fall in the award year; a file must give every one of them.
DEADLINE_KEYS = ("signup", "entry", "teams", "minutes", "ceremony")
MEETING_KINDS = ("info", "workshop")
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


class ScheduleError(Exception):
    """A schedule file is missing or wrong; the message is one sentence for the staff."""


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    # The first instant that is late: "17 maj kl. 24.00" gives 18 May 00:00 local time.
    due: datetime
    # The day shown to people ("senast 17 maj").
    day: date
    reminder_days: tuple[int, ...]
    location: str = ""
    placeholder: bool = False
    note: str = ""

    def is_late(self, received: datetime) -> bool:
        return received >= self.due

    @property
    def clock_text(self) -> str:
        """The time of day as the rule names it: "24.00" for the end of the day, as the
        instructions write it (00.00 the next day would read as a day late)."""
        midnight_after = datetime.combine(self.day + timedelta(days=1), time(0), STOCKHOLM)
        if self.due == midnight_after:
            return "24.00"
        return self.due.astimezone(STOCKHOLM).strftime("%H.%M")


@dataclass(frozen=True)
class Meeting:
    key: str
    kind: str
    label: str
    start: datetime
    end: datetime
    link: str
    placeholder: bool
    note: str = ""


@dataclass(frozen=True)
class Occasion:
    """One reminder moment for one deadline, e.g. ``entry-14``: 14 days before the entry."""

    key: str
    deadline_key: str
    at: datetime
    deadline: Deadline


@dataclass(frozen=True)
class Schedule:
    year: int
    deadlines: Mapping[str, Deadline]
    meetings: tuple[Meeting, ...]
    reminder_time: time
    digest_time: time
    weekly_digest_weekday: int  # 0 is Monday, as date.weekday() and APScheduler count
    link_send_hour: int
    link_workdays_before: int
    change_request_workdays: int
    info_registration_url: str
    source: Path = field(compare=False)
    # The autumn's visit and report dates ([visits], optional in the file).
    visits: VisitTimes | None = field(default=None, compare=False)

    def visit_times(self) -> VisitTimes:
        return self.visits or visit_defaults(self.year, self.deadline("ceremony").day)

    def deadline(self, key: str) -> Deadline:
        try:
            return self.deadlines[key]
        except KeyError:
            raise KeyError(f"no deadline '{key}'; known: {', '.join(DEADLINE_KEYS)}") from None

    def reminder_occasions(self) -> list[Occasion]:
        """Every reminder moment of the year, earliest first."""
        occasions: dict[tuple[str, datetime], Occasion] = {}
        for d in self.deadlines.values():
            for days in d.reminder_days:  # largest first, so a day keeps its first name
                at = reminder_at(d, days, self.reminder_time)
                # Offsets 2 and 1 before a Monday both move to Friday: remind once.
                occasions.setdefault((d.key, at), Occasion(f"{d.key}-{days}", d.key, at, d))
        return sorted(occasions.values(), key=lambda occasion: occasion.at)

    def next_deadline(self, now: datetime) -> Deadline | None:
        """The deadline that falls due next after ``now``, or None once all have passed."""
        upcoming = [d for d in self.deadlines.values() if d.due > now]
        return min(upcoming, key=lambda d: d.due, default=None)

    def meetings_of(self, kind: str, *, include_placeholders: bool = False) -> tuple[Meeting, ...]:
        """The meetings of one kind; placeholders only on request, as nothing is sent for them."""
        return tuple(
            m
            for m in self.meetings
            if m.kind == kind and (include_placeholders or not m.placeholder)
        )

    def meeting_link_send_at(self, meeting: Meeting) -> datetime:
        """When the link goes out: the set hour, N Swedish working days before the meeting."""
        day = workdays_before(meeting.start.date(), self.link_workdays_before)
        return datetime.combine(day, time(self.link_send_hour), tzinfo=STOCKHOLM)

    def change_request_due(self, issued: datetime) -> datetime:
        """The first late instant for a change request issued at ``issued``.

        The unit has the rest of the issuing day plus ``change_request_workdays`` whole
        working days: issued on a Monday, it is due by Wednesday 24.00.
        """
        last_day = add_workdays(issued.astimezone(STOCKHOLM).date(), self.change_request_workdays)
        return datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=STOCKHOLM)


def reminder_at(deadline: Deadline, days_before: int, at: time) -> datetime:
    # Units read mail on working days; a reminder that would land on a Saturday or a
    # holiday goes out on the working day before, which is still before the deadline.
    day = deadline.day - timedelta(days=days_before)
    if not is_workday(day):
        day = workdays_before(day, 1)
    return datetime.combine(day, at, tzinfo=STOCKHOLM)


def year_in_force(now: datetime, configured: int | None) -> int:
    """The configured award year, or by default the year of ``now`` in Stockholm."""
    if configured is not None:
        return configured
    return now.astimezone(STOCKHOLM).year


# --- validation -------------------------------------------------------------------------


# --- field readers: each returns a typed value or fails with file and field ----------------
