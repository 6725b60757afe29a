"""Reading a year's schedule file (schedules/<year>.toml) into a Schedule: every field
checked, and a mistake named by file and field in one sentence."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

from bot.clock import STOCKHOLM
from bot.year.schedule import (
    DEADLINE_KEYS,
    MEETING_KINDS,
    WEEKDAYS,
    Deadline,
    Meeting,
    Schedule,
    ScheduleError,
    reminder_at,
)
from bot.year.visit_schedule import VisitScheduleError, VisitTimes, parse_visits

_CLOCK = re.compile(r"(\d{2}):(\d{2})")
_MIDNIGHT_AFTER = "24:00"


def schedule_for_year(year: int, directory: Path) -> Schedule:
    path = directory / f"{year}.toml"
    if not path.is_file():
        raise ScheduleError(f"det finns ingen tidplan för {year} i {directory}/ (väntade {path}).")
    return load_schedule(path)


def load_schedule(path: Path) -> Schedule:
    """Read and validate one schedule file; raise ScheduleError on the first mistake."""
    root = _Where(str(path), "")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        root.fail(f"går inte att läsa ({exc.strerror})")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        root.fail(f"är inte giltig TOML ({exc})")
    return _parse_schedule(raw, root, path)


_TOP_FIELDS = {
    "year",
    "note",
    "info_registration_url",
    "timing",
    "deadlines",
    "meetings",
    "visits",
}


_TIMING_FIELDS = {
    "reminder_time",
    "digest_time",
    "weekly_digest_weekday",
    "link_send_hour",
    "link_workdays_before",
    "change_request_workdays",
}


_DEADLINE_FIELDS = {"label", "date", "time", "reminder_days", "location", "placeholder", "note"}


_MEETING_FIELDS = {"key", "kind", "label", "date", "start", "end", "link", "placeholder", "note"}


@dataclass(frozen=True)
class _Where:
    """A position in a schedule file, for error messages: ``file: deadlines.entry.date: ...``."""

    file: str
    path: str

    def child(self, name: str) -> _Where:
        return _Where(self.file, f"{self.path}.{name}" if self.path else name)

    def fail(self, problem: str) -> NoReturn:
        place = f"{self.file}: {self.path}" if self.path else self.file
        raise ScheduleError(f"{place}: {problem}.")


def _parse_schedule(raw: dict[str, object], root: _Where, path: Path) -> Schedule:
    _only(raw, _TOP_FIELDS, root)
    year = _int(raw, "year", root, minimum=2000)
    if path.stem.isdigit() and int(path.stem) != year:
        root.child("year").fail(f"är {year} men filnamnet säger {path.stem}")
    _str(raw, "note", root, default="")
    timing = _table(raw, "timing", root)
    _only(timing, _TIMING_FIELDS, root.child("timing"))
    deadlines = _parse_deadlines(_table(raw, "deadlines", root), root.child("deadlines"), year)
    where = root.child("timing")
    reminder_time = _clock(timing, "reminder_time", where)
    for deadline in deadlines.values():
        _check_reminders_before_due(deadline, reminder_time, root.child("deadlines"))
    return Schedule(
        year=year,
        deadlines=MappingProxyType(deadlines),
        meetings=_parse_meetings(raw.get("meetings", []), root.child("meetings"), year),
        reminder_time=reminder_time,
        digest_time=_clock(timing, "digest_time", where),
        weekly_digest_weekday=_weekday(timing, "weekly_digest_weekday", where),
        link_send_hour=_int(timing, "link_send_hour", where, minimum=0, maximum=23),
        link_workdays_before=_int(timing, "link_workdays_before", where, minimum=1),
        change_request_workdays=_int(timing, "change_request_workdays", where, minimum=1),
        info_registration_url=_url(raw, "info_registration_url", root),
        source=path,
        visits=_visits(raw, root, year, deadlines["ceremony"].day),
    )


def _visits(raw: dict[str, object], root: _Where, year: int, ceremony: date) -> VisitTimes:
    try:
        return parse_visits(raw.get("visits", {}), year, ceremony)
    except VisitScheduleError as exc:
        root.fail(str(exc).rstrip("."))


def _parse_deadlines(table: dict[str, object], where: _Where, year: int) -> dict[str, Deadline]:
    for key in table:
        if key not in DEADLINE_KEYS:
            where.child(key).fail(f"okänt datum (kända: {', '.join(DEADLINE_KEYS)})")
    deadlines: dict[str, Deadline] = {}
    for key in DEADLINE_KEYS:
        deadline = _parse_deadline(key, _table(table, key, where), where.child(key), year)
        previous = list(deadlines.values())[-1] if deadlines else None
        if previous is not None and deadline.day <= previous.day:
            where.child(key).child("date").fail(
                f"{deadline.day} är inte efter {previous.key} ({previous.day}); "
                f"året går {', '.join(DEADLINE_KEYS)}"
            )
        deadlines[key] = deadline
    return deadlines


def _parse_deadline(key: str, table: dict[str, object], where: _Where, year: int) -> Deadline:
    _only(table, _DEADLINE_FIELDS, where)
    day = _date(table, "date", where, year)
    until = _str(table, "time", where, default=_MIDNIGHT_AFTER)
    if until == _MIDNIGHT_AFTER:
        due = datetime.combine(day + timedelta(days=1), time(0), tzinfo=STOCKHOLM)
    else:
        due = _local(day, _parse_clock(until, where.child("time")), where.child("time"))
    return Deadline(
        key=key,
        label=_str(table, "label", where, nonempty=True),
        due=due,
        day=day,
        reminder_days=_reminder_days(table, where),
        location=_str(table, "location", where, default=""),
        placeholder=_bool(table, "placeholder", where, default=False),
        note=_str(table, "note", where, default=""),
    )


def _reminder_days(table: dict[str, object], where: _Where) -> tuple[int, ...]:
    here = where.child("reminder_days")
    value = _require(table, "reminder_days", where)
    if not isinstance(value, list) or not all(_is_int(v) for v in value):
        here.fail(f"{value!r} är ingen lista med hela dagar, t.ex. [14, 7, 2]")
    days: list[int] = list(value)
    if any(d < 0 for d in days):
        here.fail(f"{days} har ett negativt tal; ange dagar före datumet som 0 eller fler")
    if len(set(days)) != len(days):
        here.fail(f"{days} nämner samma dag två gånger")
    return tuple(sorted(days, reverse=True))


def _check_reminders_before_due(deadline: Deadline, at: time, where: _Where) -> None:
    for days in deadline.reminder_days:
        if reminder_at(deadline, days, at) >= deadline.due:
            where.child(deadline.key).child("reminder_days").fail(
                f"påminnelsen {days} dagar före, kl. {at:%H:%M}, kommer inte före sista tiden"
            )


def _parse_meetings(value: object, where: _Where, year: int) -> tuple[Meeting, ...]:
    if not isinstance(value, list):
        where.fail("ska vara en lista med [[meetings]]-tabeller")
    meetings: list[Meeting] = []
    for number, item in enumerate(value, start=1):
        item_where = _Where(where.file, f"{where.path} (item {number})")
        if not isinstance(item, dict):
            item_where.fail("ska vara en tabell")
        meeting = _parse_meeting(item, item_where, where, year)
        if any(m.key == meeting.key for m in meetings):
            item_where.child("key").fail(f"'{meeting.key}' används redan av ett tidigare möte")
        meetings.append(meeting)
    return tuple(sorted(meetings, key=lambda m: m.start))


def _parse_meeting(
    table: dict[str, object], item_where: _Where, meetings_where: _Where, year: int
) -> Meeting:
    _only(table, _MEETING_FIELDS, item_where)
    key = _str(table, "key", item_where, nonempty=True)
    # Once the key is known, errors name the meeting by it: "meetings.info-2.end".
    where = meetings_where.child(key)
    kind = _str(table, "kind", where, nonempty=True)
    if kind not in MEETING_KINDS:
        where.child("kind").fail(f"'{kind}' är inte en av {', '.join(MEETING_KINDS)}")
    day = _date(table, "date", where, year)
    start = _local(day, _clock(table, "start", where), where.child("start"))
    end = _local(day, _clock(table, "end", where), where.child("end"))
    if end <= start:
        where.child("end").fail(f"{end:%H:%M} är inte efter start {start:%H:%M}")
    return Meeting(
        key=key,
        kind=kind,
        label=_str(table, "label", where, nonempty=True),
        start=start,
        end=end,
        link=_url(table, "link", where),
        placeholder=_bool(table, "placeholder", where, default=False),
        note=_str(table, "note", where, default=""),
    )


_MISSING = object()


def _only(table: dict[str, object], allowed: set[str], where: _Where) -> None:
    # Unknown fields are refused so that a typo ("reminder_day") is not silently ignored.
    for name in table:
        if name not in allowed:
            where.child(name).fail(f"okänt fält (kända: {', '.join(sorted(allowed))})")


def _require(
    table: dict[str, object], name: str, where: _Where, default: object = _MISSING
) -> object:
    if name in table:
        return table[name]
    if default is _MISSING:
        where.child(name).fail("saknas")
    return default


def _table(table: dict[str, object], name: str, where: _Where) -> dict[str, object]:
    value = _require(table, name, where)
    if not isinstance(value, dict):
        where.child(name).fail("ska vara en tabell")
    return value


def _str(
    table: dict[str, object],
    name: str,
    where: _Where,
    *,
    default: object = _MISSING,
    nonempty: bool = False,
) -> str:
    value = _require(table, name, where, default)
    if not isinstance(value, str):
        where.child(name).fail(f"{value!r} är ingen text")
    if nonempty and not value.strip():
        where.child(name).fail("är tomt")
    return value


def _is_int(value: object) -> bool:
    # TOML booleans are Python bools, which are ints; a "true" is never a number of days.
    return isinstance(value, int) and not isinstance(value, bool)


def _int(
    table: dict[str, object], name: str, where: _Where, *, minimum: int, maximum: int | None = None
) -> int:
    value = _require(table, name, where)
    if not isinstance(value, int) or not _is_int(value):
        where.child(name).fail(f"{value!r} är inget heltal")
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" och högst {maximum}" if maximum is not None else ""
        where.child(name).fail(f"{value} ska vara minst {minimum}{upper}")
    return value


def _bool(table: dict[str, object], name: str, where: _Where, *, default: bool) -> bool:
    value = _require(table, name, where, default)
    if not isinstance(value, bool):
        where.child(name).fail(f"{value!r} är varken true eller false")
    return value


def _date(table: dict[str, object], name: str, where: _Where, year: int) -> date:
    value = _require(table, name, where)
    here = where.child(name)
    # A bare TOML date (2027-05-17) arrives as a date already; a quoted one is parsed here.
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            here.fail(f"'{value}' är inget datum (ÅÅÅÅ-MM-DD)")
    else:
        here.fail(f"{value!r} är inget datum (ÅÅÅÅ-MM-DD)")
    if day.year != year:
        here.fail(f"{day} ligger inte i tävlingsåret {year}")
    return day


def _clock(table: dict[str, object], name: str, where: _Where) -> time:
    return _parse_clock(_str(table, name, where), where.child(name))


def _parse_clock(text: str, where: _Where) -> time:
    match = _CLOCK.fullmatch(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        where.fail(f"'{text}' är ingen tid på dygnet (TT:MM, 00:00 till 23:59)")
    return time(int(match[1]), int(match[2]))


def _local(day: date, at: time, where: _Where) -> datetime:
    moment = datetime.combine(day, at, tzinfo=STOCKHOLM)
    # On the last Sunday of March, 02:00-02:59 does not exist in Stockholm.
    if moment.astimezone(UTC).astimezone(STOCKHOLM).time() != at:
        where.fail(f"{day} {at:%H:%M} finns inte i Stockholm (klockan ställs fram då)")
    return moment


def _weekday(table: dict[str, object], name: str, where: _Where) -> int:
    value = _str(table, name, where).strip().lower()
    if value not in WEEKDAYS:
        where.child(name).fail(f"'{value}' är ingen svensk veckodag ({', '.join(WEEKDAYS)})")
    return WEEKDAYS.index(value)


def _url(table: dict[str, object], name: str, where: _Where) -> str:
    value = _str(table, name, where, default="").strip()
    if value and not value.startswith("https://"):
        where.child(name).fail(f"'{value}' ska vara tomt eller en https://-adress")
    return value
