"""Calendar attachments: they parse back, keep their UID, and carry Stockholm times."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from bot.clock import STOCKHOLM
from bot.year.dates import swedish_date
from bot.year.ics import deadline_ics, meeting_ics
from bot.year.schedule import Meeting, Schedule
from bot.year.schedule_file import schedule_for_year

SCHEDULES = Path(__file__).resolve().parent.parent / "schedules"
NOW = datetime(2027, 5, 1, 8, 0, tzinfo=STOCKHOLM)


@pytest.fixture(scope="module")
def s2027() -> Schedule:
    return schedule_for_year(2027, SCHEDULES)


@pytest.fixture(scope="module")
def s2024() -> Schedule:
    return schedule_for_year(2024, SCHEDULES)


def only_event(ics: bytes) -> Event:
    calendar = Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert isinstance(event, Event)
    return event


def test_deadline_is_an_all_day_event_on_the_day_shown(s2027: Schedule) -> None:
    event = only_event(deadline_ics(s2027.deadline("entry"), now=NOW))
    assert event.decoded("dtstart") == date(2027, 5, 17)
    assert event.decoded("dtend") == date(2027, 5, 18)
    assert str(event["summary"]) == (
        "Kvalitetsutmärkelsen 2027: Bidrag med presentationstext och bild"
    )
    assert str(event["description"]) == "Senast 17 maj 2027 kl. 24.00."
    assert str(event["transp"]) == "TRANSPARENT"


def test_uid_is_stable_across_resends_and_dtstamp_is_the_given_now(s2027: Schedule) -> None:
    entry = s2027.deadline("entry")
    first = only_event(deadline_ics(entry, now=NOW))
    resent = only_event(deadline_ics(entry, now=NOW + timedelta(days=7)))
    assert str(first["uid"]) == str(resent["uid"]) == "2027-deadline-entry@kvalitetsbot"
    assert first.decoded("dtstamp") == NOW.astimezone(UTC)
    assert resent.decoded("dtstamp") == (NOW + timedelta(days=7)).astimezone(UTC)


def test_same_input_gives_the_same_bytes(s2027: Schedule) -> None:
    meeting = s2027.meetings[0]
    assert meeting_ics(meeting, now=NOW) == meeting_ics(meeting, now=NOW)


def test_each_item_has_its_own_uid_in_the_given_domain(s2027: Schedule) -> None:
    uids = {
        str(only_event(deadline_ics(d, now=NOW, uid_domain="example.se"))["uid"])
        for d in s2027.deadlines.values()
    } | {str(only_event(meeting_ics(m, now=NOW))["uid"]) for m in s2027.meetings}
    assert len(uids) == len(s2027.deadlines) + len(s2027.meetings)
    assert "2027-deadline-minutes@example.se" in uids


def test_meeting_is_timed_in_europe_stockholm(s2024: Schedule) -> None:
    meeting = s2024.meetings_of("info")[1]
    ics = meeting_ics(meeting, now=NOW)
    event = only_event(ics)
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("dtstart") == datetime(2024, 2, 21, 9, 0, tzinfo=STOCKHOLM)
    assert event.decoded("dtend") == datetime(2024, 2, 21, 10, 0, tzinfo=STOCKHOLM)
    timezones = Calendar.from_ical(ics).walk("VTIMEZONE")
    assert [str(tz["tzid"]) for tz in timezones] == ["Europe/Stockholm"]
    assert str(event["status"]) == "CONFIRMED"


def test_meeting_after_spring_forward_is_in_summer_time(s2027: Schedule) -> None:
    start = datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM)
    meeting = dataclasses.replace(s2027.meetings[0], start=start, end=start + timedelta(hours=1))
    decoded = only_event(meeting_ics(meeting, now=NOW)).decoded("dtstart")
    assert decoded.utcoffset() == timedelta(hours=2)
    assert decoded.astimezone(UTC) == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)


def test_meeting_link_is_location_and_url(s2027: Schedule) -> None:
    meeting: Meeting = dataclasses.replace(
        s2027.meetings[0], link="https://stockholm.zoom.us/j/123", placeholder=False
    )
    event = only_event(meeting_ics(meeting, now=NOW))
    assert str(event["location"]) == "https://stockholm.zoom.us/j/123"
    assert str(event["url"]) == "https://stockholm.zoom.us/j/123"


def test_placeholder_is_tentative_and_says_so(s2027: Schedule) -> None:
    event = only_event(meeting_ics(s2027.meetings[0], now=NOW))
    assert str(event["status"]) == "TENTATIVE"
    assert str(event["summary"]).startswith("Preliminärt: Kvalitetsutmärkelsen 2027")


def test_ceremony_has_its_place(s2024: Schedule) -> None:
    event = only_event(deadline_ics(s2024.deadline("ceremony"), now=NOW))
    assert str(event["location"]) == "Blå hallen, Stockholms stadshus"
    assert str(event["description"]) == "Utdelningsceremoni 26 november 2024."


def test_swedish_date_does_not_depend_on_the_locale() -> None:
    assert swedish_date(date(2027, 3, 22)) == "22 mars 2027"
