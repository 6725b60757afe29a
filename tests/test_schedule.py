"""The award-year schedule files: shipped values, validation messages, DST and holidays."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.clock import STOCKHOLM
from bot.year.schedule import (
    DEADLINE_KEYS,
    Meeting,
    Schedule,
    ScheduleError,
    year_in_force,
)
from bot.year.schedule_file import load_schedule, schedule_for_year

SCHEDULES = Path(__file__).resolve().parent.parent / "schedules"


def local(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=STOCKHOLM)


@pytest.fixture(scope="module")
def s2024() -> Schedule:
    return schedule_for_year(2024, SCHEDULES)


@pytest.fixture(scope="module")
def s2027() -> Schedule:
    return schedule_for_year(2027, SCHEDULES)


def edited_2027(tmp_path: Path, old: str, new: str, *more: tuple[str, str]) -> Path:
    """A copy of the shipped 2027 file with one or a few edits, one mistake at a time."""
    text = (SCHEDULES / "2027.toml").read_text(encoding="utf-8")
    for before, after in ((old, new), *more):
        assert before in text, before
        text = text.replace(before, after, 1)
    path = tmp_path / "2027.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped files --------------------------------------------------------------------


def test_2024_deadlines_are_those_of_the_instructions(s2024: Schedule) -> None:
    days = {key: s2024.deadline(key).day for key in DEADLINE_KEYS}
    assert days == {
        "signup": date(2024, 3, 22),
        "entry": date(2024, 5, 17),
        "teams": date(2024, 5, 31),
        "minutes": date(2024, 6, 28),
        "ceremony": date(2024, 11, 26),
    }
    assert s2024.deadline("ceremony").location == "Blå hallen, Stockholms stadshus"
    assert not any(d.placeholder for d in s2024.deadlines.values())


def test_entry_is_on_time_until_midnight_after_17_may(s2024: Schedule) -> None:
    entry = s2024.deadline("entry")
    assert entry.due == local(2024, 5, 18, 0, 0)
    assert entry.due.utcoffset() == timedelta(hours=2)
    assert not entry.is_late(local(2024, 5, 17, 23, 59, 59))
    assert entry.is_late(datetime(2024, 5, 17, 22, 0, tzinfo=UTC))


def test_2024_info_meetings_are_those_of_the_instructions(s2024: Schedule) -> None:
    info = s2024.meetings_of("info")
    assert [(m.start, m.end) for m in info] == [
        (local(2024, 2, 14, 13, 0), local(2024, 2, 14, 14, 0)),
        (local(2024, 2, 21, 9, 0), local(2024, 2, 21, 10, 0)),
        (local(2024, 3, 5, 15, 30), local(2024, 3, 5, 16, 30)),
    ]
    assert all(m.link == "" for m in info)
    assert s2024.info_registration_url.startswith("https://esmaker.net/")


def test_2024_workshops_are_marked_placeholders(s2024: Schedule) -> None:
    workshops = s2024.meetings_of("workshop", include_placeholders=True)
    assert workshops and all(m.placeholder and "PLATSHÅLLARE" in m.note for m in workshops)
    assert s2024.meetings_of("workshop") == ()


def test_2024_timing(s2024: Schedule) -> None:
    assert s2024.deadline("entry").reminder_days == (14, 7, 2)
    assert s2024.digest_time == time(7, 30)
    assert s2024.weekly_digest_weekday == 0
    assert (s2024.link_send_hour, s2024.link_workdays_before) == (9, 2)
    assert s2024.change_request_workdays == 2


def test_2027_keeps_the_day_and_month_pattern(s2024: Schedule, s2027: Schedule) -> None:
    for key in DEADLINE_KEYS:
        assert s2027.deadline(key).day == s2024.deadline(key).day.replace(year=2027)
    assert s2027.deadline("entry").due.isoformat() == "2027-05-18T00:00:00+02:00"


def test_2027_unknown_dates_are_placeholders_with_a_note(s2027: Schedule) -> None:
    assert len(s2027.meetings) == 5
    assert all(m.placeholder and m.note for m in s2027.meetings)
    assert s2027.deadline("ceremony").placeholder
    assert s2027.meetings_of("info") == ()


def test_schedule_is_immutable(s2027: Schedule) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        s2027.year = 2028  # type: ignore[misc]
    with pytest.raises(TypeError):
        s2027.deadlines["entry"] = s2027.deadline("signup")  # type: ignore[index]


def test_unknown_deadline_key_is_a_key_error(s2027: Schedule) -> None:
    with pytest.raises(KeyError, match="no deadline 'bidrag'"):
        s2027.deadline("bidrag")


# --- choosing the year ----------------------------------------------------------------------


def test_missing_year_says_which_file_is_missing() -> None:
    with pytest.raises(ScheduleError, match=r"det finns ingen tidplan för 2031 i .*schedules/"):
        schedule_for_year(2031, SCHEDULES)


def test_year_in_force_is_configured_or_the_stockholm_year() -> None:
    new_year_in_stockholm = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert year_in_force(new_year_in_stockholm, None) == 2027
    assert year_in_force(new_year_in_stockholm, 2024) == 2024


# --- mistakes in a file ---------------------------------------------------------------------


def test_bad_date_names_file_field_and_value(tmp_path: Path) -> None:
    path = edited_2027(tmp_path, 'date = "2027-05-17"', 'date = "2027-05-32"')
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    assert str(caught.value) == (
        f"{path}: deadlines.entry.date: '2027-05-32' är inget datum (ÅÅÅÅ-MM-DD)."
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("[deadlines.teams]", "[deadlines.team]", "deadlines.team: okänt datum"),
        ('label = "Anmälan om deltagande"\n', "", "deadlines.signup.label: saknas"),
        ("reminder_days = [14, 7, 2]", "reminder_days = [14, -7, 2]", "signup.reminder_days"),
        ("reminder_days = [14, 7, 2]", "reminder_days = [7, 7]", "samma dag två gånger"),
        ("reminder_days = [14, 7, 2]", "reminder_day = [14]", "signup.reminder_day: okänt"),
        ('end = "10:00"', 'end = "08:00"', "meetings.info-2.end: 08:00 är inte efter start 09:00"),
        ('start = "13:00"', 'start = "1 pm"', "meetings.info-1.start: '1 pm' är ingen tid"),
        ('kind = "workshop"', 'kind = "webinar"', "meetings.workshop-1.kind: 'webinar'"),
        ('key = "info-2"', 'key = "info-1"', "'info-1' används redan av ett tidigare möte"),
        ('link = ""', 'link = "http://zoom.example"', "meetings.info-1.link"),
        ('date = "2027-06-28"', 'date = "2026-06-28"', "inte i tävlingsåret 2027"),
        (
            'date = "2027-06-28"',
            'date = "2027-05-20"',
            "minutes.date: 2027-05-20 är inte efter teams",
        ),
        (
            'weekly_digest_weekday = "måndag"',
            'weekly_digest_weekday = "mondag"',
            "timing.weekly_digest_weekday: 'mondag' är ingen svensk veckodag",
        ),
        ("link_send_hour = 9", "link_send_hour = 25", "timing.link_send_hour: 25 ska vara"),
        ("link_send_hour = 9", "link_send_hour = true", "timing.link_send_hour: True är inget"),
        ("year = 2027", "year = 2026", "year: är 2026 men filnamnet säger 2027"),
        ("[timing]\nreminder_time", "[timing\nreminder_time", "är inte giltig TOML"),
    ],
)
def test_mistake_names_file_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = edited_2027(tmp_path, old, new)
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert message.endswith(".") and "\n" not in message


def test_time_inside_the_spring_forward_gap_is_refused(tmp_path: Path) -> None:
    path = edited_2027(
        tmp_path,
        'date = "2027-04-13"\nstart = "13:00"\nend = "15:00"',
        'date = "2027-03-28"\nstart = "02:30"\nend = "03:30"',
    )
    with pytest.raises(ScheduleError, match=r"workshop-1\.start: 2027-03-28 02:30 finns inte"):
        load_schedule(path)


def test_reminder_that_would_be_after_a_timed_deadline_is_refused(tmp_path: Path) -> None:
    path = edited_2027(
        tmp_path,
        'time = "24:00"\nreminder_days = [14, 7, 2]',
        'time = "07:00"\nreminder_days = [0]',
    )
    with pytest.raises(ScheduleError, match=r"entry\.reminder_days: påminnelsen 0 dagar före"):
        load_schedule(path)


# --- reminders ---------------------------------------------------------------------------


def test_one_occasion_per_deadline_and_offset(s2027: Schedule) -> None:
    occasions = s2027.reminder_occasions()
    assert [o.key for o in occasions] == [
        "signup-14", "signup-7", "signup-2",
        "entry-14", "entry-7", "entry-2",
        "minutes-14", "minutes-7", "minutes-2",
    ]  # fmt: skip
    assert occasions[3].at == local(2027, 5, 3, 8, 0)
    assert all(o.at < o.deadline.due for o in occasions)


def test_reminder_on_a_saturday_goes_out_on_friday(s2027: Schedule) -> None:
    signup_2 = next(o for o in s2027.reminder_occasions() if o.key == "signup-2")
    assert signup_2.at == local(2027, 3, 19, 8, 0)


def test_reminder_skips_midsommarafton(s2027: Schedule) -> None:
    # 28 June 2027 is a Monday; two days before is Saturday and the Friday is midsommarafton.
    minutes_2 = next(o for o in s2027.reminder_occasions() if o.key == "minutes-2")
    assert minutes_2.at == local(2027, 6, 24, 8, 0)


def test_offsets_moved_onto_the_same_day_give_one_reminder(tmp_path: Path) -> None:
    path = edited_2027(tmp_path, "reminder_days = [14, 7, 2]", "reminder_days = [2, 1]")
    keys = [o.key for o in load_schedule(path).reminder_occasions() if o.deadline_key == "signup"]
    assert keys == ["signup-2"]


def test_next_deadline_moves_on_at_the_due_instant(s2027: Schedule) -> None:
    assert s2027.next_deadline(local(2027, 1, 10, 12, 0)) == s2027.deadline("signup")
    assert s2027.next_deadline(local(2027, 3, 23, 0, 0)) == s2027.deadline("entry")
    assert s2027.next_deadline(local(2027, 12, 1, 0, 0)) is None


# --- info-meeting links and change requests --------------------------------------------------


def meeting_on(schedule: Schedule, start: datetime) -> Meeting:
    return dataclasses.replace(
        schedule.meetings[0], start=start, end=start + timedelta(hours=1), placeholder=False
    )


def test_link_leaves_two_workdays_before(s2024: Schedule) -> None:
    info = s2024.meetings_of("info")
    assert s2024.meeting_link_send_at(info[0]) == local(2024, 2, 12, 9, 0)
    # Tuesday 5 March: two working days before is the Friday.
    assert s2024.meeting_link_send_at(info[2]) == local(2024, 3, 1, 9, 0)


def test_link_for_the_day_after_easter_monday_leaves_before_good_friday(s2027: Schedule) -> None:
    meeting = meeting_on(s2027, local(2027, 3, 30, 9, 0))
    send_at = s2027.meeting_link_send_at(meeting)
    # Mon 29 (annandag påsk) and Fri 26 (långfredagen) are off: Thu 25 is one working day
    # before and Wed 24 two, so the link is out by Thursday at the latest.
    assert send_at == local(2027, 3, 24, 9, 0)
    assert send_at.utcoffset() == timedelta(hours=1)
    assert send_at < local(2027, 3, 25, 9, 0)


def test_meeting_after_spring_forward_and_its_link_keep_local_hours(s2027: Schedule) -> None:
    meeting = meeting_on(s2027, local(2027, 3, 31, 9, 0))
    send_at = s2027.meeting_link_send_at(meeting)
    assert meeting.start.utcoffset() == timedelta(hours=2)
    assert send_at == local(2027, 3, 25, 9, 0)
    assert send_at.utcoffset() == timedelta(hours=1)


def test_reminder_across_the_october_change_is_at_local_reminder_time(tmp_path: Path) -> None:
    path = edited_2027(
        tmp_path,
        'date = "2027-11-26"',
        'date = "2027-11-01"',
        ("reminder_days = []\nplaceholder", "reminder_days = [3]\nplaceholder"),
    )
    schedule = load_schedule(path)
    ceremony = schedule.deadline("ceremony")
    (occasion,) = [o for o in schedule.reminder_occasions() if o.deadline_key == "ceremony"]
    assert occasion.at == local(2027, 10, 29, 8, 0)
    assert occasion.at.utcoffset() == timedelta(hours=2)
    assert ceremony.due.utcoffset() == timedelta(hours=1)
    # Subtract in UTC: Python ignores the offset change when both sides share a tzinfo.
    # Friday 08:00 CEST to Tuesday 00:00 CET is 3 days and 16 hours, plus the extra hour.
    assert ceremony.due.astimezone(UTC) - occasion.at.astimezone(UTC) == timedelta(hours=89)


def test_change_request_is_due_after_two_workdays_over_easter(s2027: Schedule) -> None:
    due = s2027.change_request_due(local(2027, 3, 25, 15, 0))
    assert due == local(2027, 4, 1, 0, 0)
    assert due.utcoffset() == timedelta(hours=2)


def test_change_request_issued_monday_is_due_by_wednesday_midnight(s2027: Schedule) -> None:
    assert s2027.change_request_due(local(2027, 5, 10, 11, 0)) == local(2027, 5, 13, 0, 0)
